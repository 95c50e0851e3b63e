/**
 * POST /v1/payments/{payNo}/sync — ask the provider now; its facts go through the callbacks' queue
 * and worker. The payment's open refunds are asked about too, and settled.
 */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { syncPayment } from '#lib/payments/payment-lifecycle.ts';
import { SqsEventQueue } from '#lib/queue/sqs-event-queue.ts';
import { settlePaymentRefunds } from '#lib/refunds/settle-open-refunds.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoRefundStore } from '#lib/store/dynamodb/refund-store.ts';

const payments = new DynamoPaymentStore();
const refunds = new DynamoRefundStore();
const configs = new DynamoConfigStore();
const queue = new SqsEventQueue(process.env.CALLBACK_QUEUE_URL ?? '');
const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 5000);

export const handler = apiHandler(async (event) => {
  const deps = { payments, configs, queue, refunds, http: providerHttp, providerTimeoutMs, now: () => new Date() };
  const result = await syncPayment(deps, companyOf(event), event.pathParameters?.payNo ?? '');
  const checked = await settlePaymentRefunds(deps, result.payment.payNo);
  return json(202, checked.length > 0 ? { ...result, refunds: checked } : result);
});
