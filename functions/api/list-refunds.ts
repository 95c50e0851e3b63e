/** GET /v1/payments/{payNo}/refunds — the payment's refunds, oldest first. */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { listRefunds } from '#lib/payments/refunds.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoRefundStore } from '#lib/store/dynamodb/refund-store.ts';

const payments = new DynamoPaymentStore();
const refunds = new DynamoRefundStore();

export const handler = apiHandler(async (event) => {
  return json(200, await listRefunds({ payments, refunds }, companyOf(event), event.pathParameters?.payNo ?? ''));
});
