/**
 * Counts each buyer's new payments per window in the plugin's own table (an atomic ADD, expiring
 * with the window) and flags what the rules hold: a log line and the RiskRuleHolds metric. It
 * changes no payment: an operator or the merchant acts on the alarm.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { awsClientOptions } from '../../lib/aws/client-options.ts';
import { logger } from '../../lib/observability/logger.ts';
import { metrics } from '../../lib/observability/metrics.ts';
import { pluginHandler } from '../../lib/plugins/handler.ts';
import { riskRule } from './manifest.ts';
import { holdsOf, windowKey } from './rules.ts';

export const RISK_HOLDS_METRIC = 'RiskRuleHolds';
const table = process.env.RISK_TABLE ?? '';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(awsClientOptions()));

export const handler = pluginHandler(riskRule, async (event, settings) => {
  let count: number | undefined;
  if (settings.maxPerPayer !== undefined && event.payerRef) {
    const expires = Math.ceil(Date.parse(event.occurredAt) / 1000) + settings.windowMinutes * 120;
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: { PK: windowKey(event, settings.windowMinutes) },
        UpdateExpression: 'ADD #n :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#n': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': expires },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    count = Number(Attributes?.count);
  }
  for (const hold of holdsOf(event, settings, count)) {
    logger.warn('risk rule holds a payment', { payNo: (event.data as { payNo: string }).payNo, companyId: event.companyId, ...hold });
    metrics.addMetric(RISK_HOLDS_METRIC, 'Count', 1);
  }
});
