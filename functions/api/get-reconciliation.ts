/** GET /v1/reports/reconciliation?day=yyyy-mm-dd[&payId=] — the day's statement reconciliation reports of the caller's company. */
import { reconciliationQuery } from '#lib/api/reconciliation-schema.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { readReconciliation } from '#lib/statements/read-reconciliation.ts';
import { DynamoStatementStore } from '#lib/store/dynamodb/statement-store.ts';

const reports = new DynamoStatementStore();

export const handler = apiHandler(async (event) => {
  const query = parseWith(reconciliationQuery, event.queryStringParameters ?? {});
  return json(200, await readReconciliation(reports, companyOf(event), query));
});
