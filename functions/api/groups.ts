/**
 * Every /v1/groups method (issue 13): one function routing on the resource and method API Gateway
 * passes, each route parsing its input and calling lib/groups. One function, not five: a group's
 * calls are rare beside payments', so they share one warm container.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createGroupBody, listGroupsQuery } from '#lib/api/group-schema.ts';
import { createGroup } from '#lib/groups/create-group.ts';
import { closeGroup, syncGroup } from '#lib/groups/group-lifecycle.ts';
import { groupOfCompany, toGroupResource, toGroupSummary } from '#lib/groups/read-group.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, companyPathOf, header, jsonBody, publicBaseUrl, queryOf } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { idempotencyKeyOf } from '#lib/payments/idempotency.ts';
import { SqsEventQueue } from '#lib/queue/sqs-event-queue.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoSceneStore } from '#lib/store/dynamodb/scene-store.ts';

const groups = new DynamoGroupStore();
const payments = new DynamoPaymentStore();
const configs = new DynamoConfigStore();
const scenes = new DynamoSceneStore();
const queue = new SqsEventQueue(process.env.CALLBACK_QUEUE_URL ?? '');
const providerTimeoutMs = Number(process.env.PROVIDER_TIMEOUT_MS ?? 8000);
const now = () => new Date();
const lifecycle = { groups, payments, configs, http: providerHttp, providerTimeoutMs, now };

type Route = (event: APIGatewayProxyEvent, context: Context, groupNo: string) => Promise<APIGatewayProxyResult>;

const routes: Record<string, Route> = {
  'POST /v1/groups': async (event, context) => {
    const body = parseWith(createGroupBody, jsonBody(event));
    const idempotencyKey = idempotencyKeyOf(header(event, 'idempotency-key'));
    const { group, replayed } = await createGroup(
      // Each member's key is held for as long as this invocation can still run.
      { ...lifecycle, scenes, leaseMs: context.getRemainingTimeInMillis() },
      { companyId: companyOf(event), companyPath: companyPathOf(event), body, idempotencyKey, publicBaseUrl: publicBaseUrl(event) },
    );
    return json(201, group, { Location: `/v1/groups/${group.groupNo}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  },
  'GET /v1/groups': async (event) => {
    const query = parseWith(listGroupsQuery, queryOf(event), 'query');
    const page = await groups.list(companyOf(event), { limit: Number(query.limit ?? 20), cursor: query.cursor });
    return json(200, { data: page.groups.map(toGroupSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) });
  },
  'GET /v1/groups/{groupNo}': async (event, _, groupNo) => json(200, toGroupResource(await groupOfCompany({ groups, payments }, companyOf(event), groupNo))),
  'POST /v1/groups/{groupNo}/close': async (event, _, groupNo) => json(200, await closeGroup(lifecycle, companyOf(event), groupNo)),
  'POST /v1/groups/{groupNo}/sync': async (event, _, groupNo) => json(202, await syncGroup({ ...lifecycle, queue }, companyOf(event), groupNo)),
};

export const handler = apiHandler(async (event, context) => {
  const route = routes[`${event.httpMethod} ${event.resource}`];
  // API Gateway sends only the routes the stack declares (infra/constructs/payment-api.ts).
  if (!route) throw new Error(`no groups route for ${event.httpMethod} ${event.resource}`);
  return route(event, context, event.pathParameters?.groupNo ?? '');
});
