/** GET /v1/payments — newest first with a cursor, or the one payment for ?outTradeNo=. */
import { listPaymentsQuery } from '#lib/api/list-payments-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, queryOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { listPayments } from '#lib/payments/read-payments.ts';
import { visibleCompany } from '#lib/payments/visibility.ts';
import { DynamoCompanyStore } from '#lib/store/dynamodb/company-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const payments = new DynamoPaymentStore();
const companies = new DynamoCompanyStore();

export const handler = apiHandler(async (event) => {
  const query = parseWith(listPaymentsQuery, queryOf(event), 'query');
  const companyId = await visibleCompany(companies, companyOf(event), query.companyId);
  return json(200, await listPayments(payments, companyId, query, new Date()));
});
