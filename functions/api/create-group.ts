/** POST /v1/groups (issue 13): parse → lib/groups/create-group.ts → 201 with the group and each member's result. */
import { createGroupBody } from '#lib/api/group-schema.ts';
import { createGroup } from '#lib/groups/create-group.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf, companyPathOf, header, jsonBody, publicBaseUrl } from '#lib/http/request.ts';
import { providerHttp } from '#lib/http/provider-http.ts';
import { json } from '#lib/http/response.ts';
import { parseWith } from '#lib/http/validation.ts';
import { idempotencyKeyOf } from '#lib/payments/idempotency.ts';
import { DynamoConfigStore } from '#lib/store/dynamodb/config-store.ts';
import { DynamoGroupStore } from '#lib/store/dynamodb/group-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';
import { DynamoSceneStore } from '#lib/store/dynamodb/scene-store.ts';

const deps = {
  groups: new DynamoGroupStore(),
  payments: new DynamoPaymentStore(),
  configs: new DynamoConfigStore(),
  scenes: new DynamoSceneStore(),
  http: providerHttp,
  providerTimeoutMs: Number(process.env.PROVIDER_TIMEOUT_MS ?? 8000),
  now: () => new Date(),
};

export const handler = apiHandler(async (event, context) => {
  const body = parseWith(createGroupBody, jsonBody(event));
  const idempotencyKey = idempotencyKeyOf(header(event, 'idempotency-key'));
  const { group, replayed } = await createGroup(
    // Each member's key is held for as long as this invocation can still run.
    { ...deps, leaseMs: context.getRemainingTimeInMillis() },
    { companyId: companyOf(event), companyPath: companyPathOf(event), body, idempotencyKey, publicBaseUrl: publicBaseUrl(event) },
  );
  return json(201, group, { Location: `/v1/groups/${group.groupNo}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
});
