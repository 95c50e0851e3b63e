/**
 * The API key routes' dependencies, loaded on their first call: API Gateway's client, and the
 * usage plan id of each tier, looked up once by the plan names the stack gives (USAGE_PLAN_NAMES;
 * the ids themselves would make the function depend on the API's stage, a cycle).
 */
import { APIGatewayClient, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import type { ApiKeyDeps } from '#lib/admin/api-keys.ts';
import { AwsApiKeyGateway } from '#lib/aws/api-key-gateway.ts';
import { awsClientOptions } from '#lib/aws/client-options.ts';
import { DynamoApiKeyStore } from '#lib/store/dynamodb/api-key-store.ts';
import type { CompanyStore } from '#lib/store/tenancy-store.ts';

const client = new APIGatewayClient(awsClientOptions());
const gateway = new AwsApiKeyGateway(client);
const apiKeys = new DynamoApiKeyStore();
let usagePlans: Promise<Record<string, string>> | undefined;

async function lookUpUsagePlans(): Promise<Record<string, string>> {
  const names: Record<string, string> = JSON.parse(process.env.USAGE_PLAN_NAMES ?? '{}');
  const idByName = new Map<string, string>();
  let position: string | undefined;
  do {
    const page = await client.send(new GetUsagePlansCommand({ position, limit: 500 }));
    for (const plan of page.items ?? []) if (plan.name && plan.id) idByName.set(plan.name, plan.id);
    position = page.position;
  } while (position);
  return Object.fromEntries(
    Object.entries(names).map(([tier, name]) => {
      const id = idByName.get(name);
      if (!id) throw new Error(`usage plan ${name} (tier ${tier}) not found`);
      return [tier, id];
    }),
  );
}

export async function apiKeyDeps(companies: CompanyStore, now: () => Date): Promise<ApiKeyDeps> {
  usagePlans ??= lookUpUsagePlans().catch((error: unknown) => {
    usagePlans = undefined;
    throw error;
  });
  return { apiKeys, companies, gateway, usagePlans: await usagePlans, now };
}
