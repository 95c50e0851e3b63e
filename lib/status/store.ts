/**
 * The canary's records in the site's table (its own table, apart from the tenants'): each check
 * for two days (the last 24 hours' latency percentiles, state and incidents), and a count per day
 * of checks and successes per channel and per API for 91 days (the 7- and 90-day uptime and the
 * daily bars). Items expire by DynamoDB TTL (`expiresAt`).
 */
import { CreateTableCommand, DescribeTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { queryAll } from '../store/dynamodb/query-all.ts';
import { checkSchema, type CanaryApi, type CanaryChannel, type Check } from './check.ts';

const DAY_S = 86_400;
export const CHECK_TTL_DAYS = 2;
export const DAY_TTL_DAYS = 91;

export interface DayCount {
  day: string;
  total: number;
  ok: number;
}

/** Whose days: a channel's whole round trips, or one API across channels. */
export type Subject = { channel: CanaryChannel } | { api: CanaryApi };
const dayPartition = (s: Subject) => ('channel' in s ? `CANARY#DAY#channel#${s.channel}` : `CANARY#DAY#api#${s.api}`);

export class CanaryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(check: Check): Promise<void> {
    const atS = Math.floor(Date.parse(check.at) / 1000);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { PK: `CANARY#${check.channel}`, SK: `${check.at}#${randomBytes(3).toString('hex')}`, check, expiresAt: atS + CHECK_TTL_DAYS * DAY_S },
      }),
    );
    const day = check.at.slice(0, 10);
    const count = (subject: Subject, ok: boolean) =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: dayPartition(subject), SK: day },
          UpdateExpression: 'ADD #total :one, #ok :ok SET expiresAt = if_not_exists(expiresAt, :ttl)',
          ExpressionAttributeNames: { '#total': 'total', '#ok': 'ok' },
          ExpressionAttributeValues: { ':one': 1, ':ok': ok ? 1 : 0, ':ttl': atS + DAY_TTL_DAYS * DAY_S },
        }),
      );
    await Promise.all([count({ channel: check.channel }, check.ok), ...check.steps.map((s) => count({ api: s.api }, s.ok))]);
  }

  /** The checks of a channel since `since` (ISO 8601), oldest first. */
  async checks(channel: CanaryChannel, since: string): Promise<Check[]> {
    const items = await queryAll(
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND SK >= :since', ExpressionAttributeValues: { ':pk': `CANARY#${channel}`, ':since': since } },
      this.client,
    );
    return items.map((i) => checkSchema.parse(i.check));
  }

  /** The day counts of a channel or an API from `sinceDay` (yyyy-mm-dd), oldest first. */
  async days(subject: Subject, sinceDay: string): Promise<DayCount[]> {
    const items = await queryAll(
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND SK >= :since', ExpressionAttributeValues: { ':pk': dayPartition(subject), ':since': sinceDay } },
      this.client,
    );
    return items.map((i) => ({ day: i.SK as string, total: Number(i.total), ok: Number(i.ok) }));
  }
}

/** The site table as the site stack defines it (PK, SK, TTL on expiresAt), made where none is (the local stack's DynamoDB). */
export async function ensureSiteTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const exists = await client.send(new DescribeTableCommand({ TableName: tableName })).then(
    () => true,
    (err: Error) => {
      if (err.name === 'ResourceNotFoundException') return false;
      throw err;
    },
  );
  if (exists) return;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }));
}
