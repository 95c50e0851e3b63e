/** POST /v1/payments/{payNo}/sync — ask the provider now; its facts go through the callbacks' queue and worker. */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { syncPayment } from '#lib/payments/payment-lifecycle.ts';
import { SqsEventQueue } from '#lib/queue/sqs-event-queue.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const payments = new DynamoPaymentStore();
const configs = new DynamoConfigStore();
const queue = new SqsEventQueue(process.env.CALLBACK_QUEUE_URL ?? '');
const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 5000);

export const handler = apiHandler(async (event) => {
  const result = await syncPayment(
    { payments, configs, queue, http: providerHttp, providerTimeoutMs, now: () => new Date() },
    companyOf(event),
    event.pathParameters?.payNo ?? '',
  );
  return json(202, result);
});
