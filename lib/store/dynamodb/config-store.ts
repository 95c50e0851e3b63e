/**
 * Pay configs on the single table, cached per Lambda container for a minute: a create reads its
 * config on every call otherwise, and configs change rarely (admin writes, issue-tracked).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { PayConfig } from '../../domain/payment.ts';
import type { ConfigStore } from '../config-store.ts';
import { companyConfigsPartition, payConfigKey, withoutKeys } from './keys.ts';
import { TtlCache } from '../ttl-cache.ts';

const CACHE_MS = 60_000;

export class DynamoConfigStore implements ConfigStore {
  private readonly byPayId = new TtlCache<PayConfig | undefined>(CACHE_MS);
  private readonly byCompany = new TtlCache<PayConfig[]>(CACHE_MS);

  getPayConfig(payId: string) {
    return this.byPayId.get(payId, async () => {
      const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: payConfigKey(payId) }));
      return Item ? withoutKeys<PayConfig>(Item) : undefined;
    });
  }

  payConfigsFor(companyId: string, channel: string) {
    return this.byCompany.get(`${companyId}#${channel}`, async () => {
      const { Items = [] } = await documentClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :channel)',
          ExpressionAttributeValues: { ':pk': companyConfigsPartition(companyId), ':channel': `${channel}#` },
        }),
      );
      return Items.map((i) => withoutKeys<PayConfig>(i)).filter((c) => c.status === 'ACTIVE');
    });
  }
}
