/**
 * Pay configs on the single table, cached per Lambda container for a minute: a create reads its
 * config on every call otherwise, and configs change rarely (admin writes, issue-tracked).
 * Secret fields are stored sealed (lib/crypto/envelope.ts) and opened here on read, so the rest of
 * the code receives clear configs; the envelope code loads lazily, on the first sealed config.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { KeyProvider, WrappedDataKey } from '../../crypto/envelope.ts';
import type { PayConfig } from '../../domain/payment.ts';
import type { ConfigStore, PayConfigDirectory } from '../config-store.ts';
import { ALL_CONFIGS_PARTITION, companyConfigsPartition, payConfigKey, withoutKeys } from './keys.ts';
import { indexPartition, queryAll } from './query-all.ts';
import { envelope, keysFromEnv } from './secrets.ts';
import { TtlCache } from '../ttl-cache.ts';

const CACHE_MS = 60_000;

export interface ConfigStoreOptions {
  /** A client and table of its own (the local stack's provisioning); the function's environment otherwise. */
  client?: DynamoDBDocumentClient;
  tableName?: string;
  /** Default: the runtime's (lib/crypto/key-provider.ts). */
  keys?: KeyProvider;
}

export class DynamoConfigStore implements ConfigStore, PayConfigDirectory {
  private readonly byPayId = new TtlCache<PayConfig | undefined>(CACHE_MS);
  private readonly byCompany = new TtlCache<PayConfig[]>(CACHE_MS);

  constructor(private readonly options: ConfigStoreOptions = {}) {}

  private client = () => this.options.client ?? documentClient();
  private table = () => this.options.tableName ?? tableName();
  private keys = async () => this.options.keys ?? keysFromEnv();

  getPayConfig(payId: string) {
    return this.byPayId.get(payId, async () => {
      const { Item } = await this.client().send(new GetCommand({ TableName: this.table(), Key: payConfigKey(payId) }));
      return Item ? this.opened(Item) : undefined;
    });
  }

  payConfigsFor(companyId: string, channel: string) {
    return this.byCompany.get(`${companyId}#${channel}`, async () => {
      const Items = await queryAll(
        {
          TableName: this.table(),
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :channel)',
          ExpressionAttributeValues: { ':pk': companyConfigsPartition(companyId), ':channel': `${channel}#` },
        },
        this.client(),
      );
      return Promise.all(Items.filter((i) => i.status === 'ACTIVE').map((i) => this.opened(i)));
    });
  }

  /** Uncached, all pages: a daily job's read. */
  async activePayConfigs() {
    const items = await indexPartition('GSI2', tableName(), ALL_CONFIGS_PARTITION);
    return Promise.all(items.filter((i) => i.status === 'ACTIVE').map((i) => this.opened(i)));
  }

  /** The item as the domain sees it: keys dropped, secrets opened. Items written before sealing pass through. */
  private async opened(item: Record<string, unknown>): Promise<PayConfig> {
    const { dataKey, ...payConfig } = withoutKeys<PayConfig & { dataKey?: WrappedDataKey }>(item);
    if (!dataKey) return payConfig;
    const [{ openSecrets }, keys] = await Promise.all([envelope(), this.keys()]);
    return { ...payConfig, config: await openSecrets(keys, { payId: payConfig.payId }, payConfig.config as Record<string, unknown>, dataKey) };
  }
}
