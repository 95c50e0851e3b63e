/** GET /v1/reports/reconciliation?day=yyyy-mm-dd[&payId=][&companyId=] — the day's statement reconciliation reports of the caller's company or a descendant's. */
import { reconciliationQuery } from '#lib/api/reconciliation-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, queryOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { visibleCompany } from '#lib/payments/visibility.ts';
import { readReconciliation } from '#lib/statements/read-reconciliation.ts';
import { DynamoCompanyStore } from '#lib/store/dynamodb/company-store.ts';
import { DynamoStatementStore } from '#lib/store/dynamodb/statement-store.ts';

const reports = new DynamoStatementStore();
const companies = new DynamoCompanyStore();

export const handler = apiHandler(async (event) => {
  const query = parseWith(reconciliationQuery, queryOf(event), 'query');
  const companyId = await visibleCompany(companies, companyOf(event), query.companyId);
  return json(200, await readReconciliation(reports, companyId, query));
});
