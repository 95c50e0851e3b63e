/**
 * The admin function's pay config reads and writes (lib/admin/pay-configs.ts): uncached, so an
 * operator reads back what was just written, and listing a company's configs of every status (the
 * request path's store sees ACTIVE ones only). Writes go through the sealed write path.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
import type { PayConfigAdminStore, StoredPayConfig } from '../../admin/pay-configs.ts';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { ValidatedPayConfig } from '../../config/validate-pay-config.ts';
import { openSecrets, type WrappedDataKey } from '../../crypto/envelope.ts';
import { keyProviderFromEnv } from '../../crypto/key-provider.ts';
import type { ConfigStoreOptions } from './config-store.ts';
import { DynamoConfigWriter } from './config-writes.ts';
import { companyConfigsPartition, payConfigKey, withoutKeys } from './keys.ts';
import { indexPartition } from './query-all.ts';
import { conditionalWrite } from './transactions.ts';

type Item = StoredPayConfig & { dataKey?: WrappedDataKey };

export class DynamoPayConfigAdminStore implements PayConfigAdminStore {
  private readonly writer: DynamoConfigWriter;

  constructor(private readonly options: ConfigStoreOptions = {}) {
    this.writer = new DynamoConfigWriter(options);
  }

  private client = () => this.options.client ?? documentClient();
  private table = () => this.options.tableName ?? tableName();

  private async item(payId: string): Promise<Item | undefined> {
    const { Item } = await this.client().send(new GetCommand({ TableName: this.table(), Key: payConfigKey(payId), ConsistentRead: true }));
    return Item ? withoutKeys<Item>(Item) : undefined;
  }

  async getStored(payId: string) {
    const item = await this.item(payId);
    if (!item) return undefined;
    const { dataKey: _sealedKey, ...stored } = item;
    return stored;
  }

  async getOpened(payId: string) {
    const item = await this.item(payId);
    if (!item) return undefined;
    const { dataKey, ...stored } = item;
    if (!dataKey) return stored;
    const keys = this.options.keys ?? keyProviderFromEnv(SignatureV4);
    return { ...stored, config: await openSecrets(keys, { payId }, stored.config as Record<string, unknown>, dataKey) };
  }

  async listStored(companyId: string) {
    const items = await indexPartition('GSI1', this.table(), companyConfigsPartition(companyId), this.client());
    return items.map((item) => {
      const { dataKey: _sealedKey, ...stored } = withoutKeys<Item>(item);
      return stored;
    });
  }

  put(config: ValidatedPayConfig, write: 'create' | 'replace') {
    return this.writer.putPayConfig(config, write);
  }

  setStatus(payId: string, status: 'ACTIVE' | 'DISABLED') {
    return conditionalWrite(
      this.client().send(
        new UpdateCommand({
          TableName: this.table(),
          Key: payConfigKey(payId),
          UpdateExpression: 'SET #status = :status, updatedAt = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':now': new Date().toISOString() },
        }),
      ),
    );
  }
}
