/** GET /v1/payments/{payNo} — one payment of the caller's company. */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { getPayment } from '#lib/payments/read-payments.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const payments = new DynamoPaymentStore();

export const handler = apiHandler(async (event) => {
  const payment = await getPayment(payments, companyOf(event), event.pathParameters?.payNo ?? '');
  return json(200, payment);
});
