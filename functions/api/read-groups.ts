/** GET /v1/groups and GET /v1/groups/{groupNo} (issue 13): reads only, routed on the resource API Gateway passes. */
import { listGroupsQuery } from '#lib/api/group-schema.ts';
import { limitOf } from '#lib/api/page-schema.ts';
import { groupOfCompany, toGroupResource, toGroupSummary } from '#lib/groups/read-group.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, queryOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';
import { getPayments } from '#lib/store/dynamodb/payment-reader.ts';

const groups = new DynamoGroupStore();
// The members' payments by a plain BatchGetItem: not the payment store, whose writes this never makes.
const payments = { getMany: getPayments };

export const handler = apiHandler(async (event) => {
  const groupNo = event.pathParameters?.groupNo;
  if (groupNo !== undefined) return json(200, toGroupResource(await groupOfCompany({ groups, payments }, companyOf(event), groupNo)));
  const query = parseWith(listGroupsQuery, queryOf(event), 'query');
  const page = await groups.list(companyOf(event), { limit: limitOf(query.limit), cursor: query.cursor });
  return json(200, { data: page.groups.map(toGroupSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
});
