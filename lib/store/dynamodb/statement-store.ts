/**
 * Reconciliation reports on the single table: `RECON#<payId>#<day>` holds the `REPORT` item and
 * one `DIFF#<payNo>` item per difference. GSI1 (`CO#<co>#RECON#<day>` / `<payId>#…`) gives a
 * company's reports of a day in one query, and only its own.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { StatementDifference, StatementReport, StatementStore } from '../statement-store.ts';
import { companyReconPartition, reconPartition, withoutKeys } from './keys.ts';
import { queryAll } from './query-all.ts';

const BATCH = 25;
const BATCH_RETRIES = 8;

/** BatchWriteItem in chunks of 25, retrying what DynamoDB leaves unprocessed (throttling) with backoff. */
async function batchWrite(requests: Record<string, any>[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH) {
    let pending = requests.slice(start, start + BATCH);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > BATCH_RETRIES) throw new Error(`BatchWriteItem left ${pending.length} requests unprocessed`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const { UnprocessedItems } = await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
      pending = UnprocessedItems?.[tableName()] ?? [];
    }
  }
}

export class DynamoStatementStore implements StatementStore {
  async replaceReport(report: StatementReport, differences: StatementDifference[]) {
    const PK = reconPartition(report.payId, report.day);
    const GSI1PK = companyReconPartition(report.companyId, report.day);
    const items = [
      // A payment may differ in more than one way (its amount and its ledger): one item per kind.
      ...differences.map((d) => ({ PK, SK: `DIFF#${d.payNo}#${d.kind}`, GSI1PK, GSI1SK: `${report.payId}#DIFF#${d.payNo}#${d.kind}`, entity: 'reconDiff', ...d })),
      // Last: while it is written, readers still see the earlier report's counts.
      { PK, SK: 'REPORT', GSI1PK, GSI1SK: `${report.payId}#REPORT`, entity: 'reconReport', ...report },
    ];
    const keep = new Set(items.map((i) => i.SK));
    const old = await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': PK },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    });
    await batchWrite([
      ...old.filter((i) => !keep.has(i.SK)).map((i) => ({ DeleteRequest: { Key: { PK: i.PK, SK: i.SK } } })),
      ...items.map((Item) => ({ PutRequest: { Item } })),
    ]);
  }

  async reportsOf(companyId: string, day: string, payId?: string) {
    const items = await queryAll({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: payId ? 'GSI1PK = :pk AND begins_with(GSI1SK, :payId)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': companyReconPartition(companyId, day), ...(payId ? { ':payId': `${payId}#` } : {}) },
    });
    const reports = new Map<string, { report: StatementReport; differences: StatementDifference[] }>();
    for (const item of items) {
      if (item.entity === 'reconReport') reports.set(item.payId, { report: withoutKeys<StatementReport>(item), differences: [] });
    }
    for (const item of items) {
      const payIdOfDiff = String(item.GSI1SK).split('#')[0]!;
      if (item.entity === 'reconDiff') reports.get(payIdOfDiff)?.differences.push(withoutKeys<StatementDifference>(item));
    }
    return [...reports.values()];
  }
}
