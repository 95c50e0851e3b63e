/** POST /v1/payments/{payNo}/close — close an unpaid payment at the provider, then locally. */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { closePayment } from '#lib/payments/payment-lifecycle.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';

const payments = new DynamoPaymentStore();
const groups = new DynamoGroupStore();
const configs = new DynamoConfigStore();
const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 5000);

export const handler = apiHandler(async (event) => {
  const result = await closePayment(
    { payments, groups, configs, http: providerHttp, providerTimeoutMs, now: () => new Date() },
    companyOf(event),
    event.pathParameters?.payNo ?? '',
  );
  if (result.latePayment) metrics.addMetric(Metric.LatePayment, 'Count', 1);
  return json(200, result.payment);
});
