/** POST /v1/payments — create a payment and return what the buyer must be shown. */
import { createPaymentBody } from '#lib/api/create-payment-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, companyPathOf, header, jsonBody, publicBaseUrl } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { Metric, metrics } from '#lib/observability/metrics.ts';
import { createPayment } from '#lib/payments/create-payment.ts';
import { ledgerPostsDetails } from '#lib/ledger/check-details.ts';
import { idempotencyKeyOf } from '#lib/payments/idempotency.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoSceneStore } from '#lib/store/dynamodb/scene-store.ts';

const payments = new DynamoPaymentStore();
const configs = new DynamoConfigStore();
const scenes = new DynamoSceneStore();
const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 8000);

export const handler = apiHandler(async (event, context) => {
  const body = parseWith(createPaymentBody, jsonBody(event));
  const idempotencyKey = idempotencyKeyOf(header(event, 'idempotency-key'));

  const result = await createPayment(
    // The key is held for as long as this invocation can still run.
    { payments, configs, scenes, ledger: ledgerPostsDetails, http: providerHttp, providerTimeoutMs, leaseMs: context.getRemainingTimeInMillis(), now: () => new Date() },
    { companyId: companyOf(event), companyPath: companyPathOf(event), body, idempotencyKey, publicBaseUrl: publicBaseUrl(event) },
  );

  if (result.kind === 'replayed') {
    metrics.addMetric(Metric.PaymentReplayed, 'Count', 1);
    return json(result.statusCode, result.body, { 'Idempotent-Replayed': 'true' });
  }
  metrics.addMetric(result.outcome === 'refused' ? Metric.ProviderRefused : Metric.PaymentCreated, 'Count', 1);
  return json(201, result.payment, { Location: `/v1/payments/${result.payment.payNo}` });
});
