/** GET /v1/payments — newest first with a cursor, or the one payment for ?outTradeNo=. */
import { listPaymentsQuery } from '#lib/api/list-payments-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { listPayments } from '#lib/payments/read-payments.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const payments = new DynamoPaymentStore();

export const handler = apiHandler(async (event) => {
  const query = parseWith(listPaymentsQuery, event.queryStringParameters ?? {});
  return json(200, await listPayments(payments, companyOf(event), query, new Date()));
});
