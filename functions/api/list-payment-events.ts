/** GET /v1/payments/{payNo}/events — the payment's audit trail. */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { listPaymentEvents } from '#lib/payments/read-payments.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const payments = new DynamoPaymentStore();

export const handler = apiHandler(async (event) => {
  return json(200, await listPaymentEvents(payments, companyOf(event), event.pathParameters?.payNo ?? ''));
});
