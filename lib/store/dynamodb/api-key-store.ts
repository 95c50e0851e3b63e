/** API keys by hash. The authorizer's answers are also cached by API Gateway (60 s). */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../config-store.ts';
import { apiKeyKey, withoutKeys } from './keys.ts';

export class DynamoApiKeyStore implements ApiKeyStore {
  async findByHash(keyHash: string) {
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: apiKeyKey(keyHash) }));
    return Item ? withoutKeys<ApiKeyRecord>(Item) : undefined;
  }
}
