/**
 * POST /v1/groups/{groupNo}/close and /sync (issue 13): both ask the members' providers, so they
 * share one function; sync hands the answers to the status worker through the callbacks' queue.
 */
import { closeGroup, syncGroup } from '#lib/groups/group-lifecycle.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { SqsEventQueue } from '#lib/queue/sqs-event-queue.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const lifecycle = {
  groups: new DynamoGroupStore(),
  payments: new DynamoPaymentStore(),
  configs: new DynamoConfigStore(),
  http: providerHttp,
  providerTimeoutMs: Number(process.env.PROVIDER_TIMEOUT_MS ?? 8000),
  now: () => new Date(),
};
const queue = new SqsEventQueue(process.env.CALLBACK_QUEUE_URL ?? '');

export const handler = apiHandler(async (event) => {
  const groupNo = event.pathParameters?.groupNo ?? '';
  // API Gateway sends only the two routes the stack declares (infra/constructs/payment-api.ts).
  if (event.resource.endsWith('/sync')) return json(202, await syncGroup({ ...lifecycle, queue }, companyOf(event), groupNo));
  return json(200, await closeGroup(lifecycle, companyOf(event), groupNo));
});
