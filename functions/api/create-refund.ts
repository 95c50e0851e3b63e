/** POST /v1/payments/{payNo}/refunds — refund part or all of a paid payment. */
import { createRefundBody } from '#lib/api/refund-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, header, jsonBody, publicBaseUrl } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { idempotencyKeyOf } from '#lib/payments/idempotency.ts';
import { createRefund } from '#lib/payments/refunds.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoRefundStore } from '#lib/store/dynamodb/refund-store.ts';

const payments = new DynamoPaymentStore();
const refunds = new DynamoRefundStore();
const configs = new DynamoConfigStore();
const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 5000);

export const handler = apiHandler(async (event, context) => {
  const body = parseWith(createRefundBody, jsonBody(event));
  const idempotencyKey = idempotencyKeyOf(header(event, 'idempotency-key'));
  const result = await createRefund(
    // The key is held for as long as this invocation can still run.
    { payments, refunds, configs, http: providerHttp, providerTimeoutMs, leaseMs: context.getRemainingTimeInMillis(), now: () => new Date() },
    { companyId: companyOf(event), payNo: event.pathParameters?.payNo ?? '', body, idempotencyKey, publicBaseUrl: publicBaseUrl(event) },
  );
  if (result.kind === 'replayed') return json(result.statusCode, result.body, { 'Idempotent-Replayed': 'true' });
  return json(201, result.refund);
});
