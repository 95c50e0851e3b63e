/**
 * ApiKeyGateway on API Gateway's management API (CreateApiKey, CreateUsagePlanKey, UpdateApiKey).
 * The local emulator answers the same calls, so the admin path is one in AWS and locally. Only
 * the admin functions and the local provisioning import this: merchant-path bundles stay small.
 */
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  UpdateApiKeyCommand,
  type APIGatewayClientConfig,
} from '@aws-sdk/client-api-gateway';
import type { ApiKeyGateway } from '../admin/api-keys.ts';

export class AwsApiKeyGateway implements ApiKeyGateway {
  private readonly client: APIGatewayClient;

  constructor(config: APIGatewayClientConfig | APIGatewayClient = {}) {
    this.client = config instanceof APIGatewayClient ? config : new APIGatewayClient(config);
  }

  async createKey(input: { name: string; value: string }) {
    const created = await this.client.send(new CreateApiKeyCommand({ name: input.name, value: input.value, enabled: true }));
    if (!created.id) throw new Error('CreateApiKey answered no id');
    return { apiKeyId: created.id };
  }

  async addToUsagePlan(apiKeyId: string, usagePlanId: string) {
    await this.client.send(new CreateUsagePlanKeyCommand({ usagePlanId, keyId: apiKeyId, keyType: 'API_KEY' }));
  }

  async setEnabled(apiKeyId: string, enabled: boolean) {
    await this.client.send(
      new UpdateApiKeyCommand({ apiKey: apiKeyId, patchOperations: [{ op: 'replace', path: '/enabled', value: String(enabled) }] }),
    );
  }
}
