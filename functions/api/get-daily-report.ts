/** GET /v1/reports/daily?from=&to=[&groupBy=][&companyId=] — daily figures from the sharded counters, of the caller's company or a descendant's. */
import { dailyReportQuery } from '#lib/api/daily-report-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, queryOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { visibleCompany } from '#lib/payments/visibility.ts';
import { dailyReport } from '#lib/reports/daily-report.ts';
import { DynamoCompanyStore } from '#lib/store/dynamodb/company-store.ts';

const companies = new DynamoCompanyStore();

export const handler = apiHandler(async (event) => {
  const query = parseWith(dailyReportQuery, queryOf(event), 'query');
  const companyId = await visibleCompany(companies, companyOf(event), query.companyId);
  return json(200, await dailyReport(companyId, query));
});
