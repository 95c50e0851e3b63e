/**
 * API keys by hash (`KEY#<sha256>` / `KEY`), and by company through GSI1 `CO#<co>#KEYS` for the
 * admin. The authorizer's answers are also cached by API Gateway (60 s).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import { Conflict } from '../../domain/errors.ts';
import type { ApiKeyRecord, ApiKeyStore } from '../config-store.ts';
import type { ApiKeyAdminStore } from '../tenancy-store.ts';
import type { TableAccess } from './company-store.ts';
import { apiKeyKey, companyApiKeysIndex, withoutKeys } from './keys.ts';
import { indexPartition } from './query-all.ts';
import { conditionalWrite } from './transactions.ts';

export class DynamoApiKeyStore implements ApiKeyStore, ApiKeyAdminStore {
  constructor(private readonly db: TableAccess = {}) {}

  private client = () => this.db.client ?? documentClient();
  private table = () => this.db.tableName ?? tableName();

  async findByHash(keyHash: string) {
    const { Item } = await this.client().send(new GetCommand({ TableName: this.table(), Key: apiKeyKey(keyHash) }));
    return Item ? withoutKeys<ApiKeyRecord>(Item) : undefined;
  }

  async insertKey(record: ApiKeyRecord) {
    const written = await conditionalWrite(
      this.client().send(
        new PutCommand({
          TableName: this.table(),
          Item: { ...apiKeyKey(record.keyHash), ...companyApiKeysIndex(record.companyId, record.apiKeyId), entity: 'apiKey', ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    if (!written) throw new Conflict('api_key_exists', 'An API key with this value exists');
  }

  async listKeys(companyId: string) {
    const items = await indexPartition('GSI1', this.table(), companyApiKeysIndex(companyId, '').GSI1PK, this.client());
    return items.map((i) => withoutKeys<ApiKeyRecord>(i));
  }

  async disableKey(keyHash: string) {
    await this.client().send(
      new UpdateCommand({
        TableName: this.table(),
        Key: apiKeyKey(keyHash),
        UpdateExpression: 'SET #s = :disabled',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':disabled': 'DISABLED' },
      }),
    );
  }

  expireKey(keyHash: string, expiresAt: string) {
    return conditionalWrite(
      this.client().send(
        new UpdateCommand({
          TableName: this.table(),
          Key: apiKeyKey(keyHash),
          UpdateExpression: 'SET expiresAt = :at',
          ConditionExpression: '#s = :active AND attribute_not_exists(expiresAt)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':at': expiresAt, ':active': 'ACTIVE' },
        }),
      ),
    );
  }
}
