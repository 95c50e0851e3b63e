import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PluginSubscription } from '../../infra/constructs/plugin-subscription.ts';
import { riskRule, type RiskRuleSettings } from './manifest.ts';

/** Its subscription, a small table of per-buyer counts that expire, and the alarm on its holds. */
export function riskRulePlugin(scope: Construct, props: { settings: RiskRuleSettings; topic: ITopic; tenant: string }): { plugin: PluginSubscription; alarm: Alarm } {
  const table = new Table(scope, 'RiskRuleCounts', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    timeToLiveAttribute: 'ttl',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(table).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'Counts of the last window, expiring within the hour: nothing to restore.' });
  const plugin = new PluginSubscription(scope, 'RiskRule', { manifest: riskRule, settings: props.settings, topic: props.topic, tenant: props.tenant, environment: { RISK_TABLE: table.tableName } });
  table.grant(plugin.function.function, 'dynamodb:UpdateItem');
  const alarm = new Alarm(scope, 'RiskRuleHoldsAlarm', {
    metric: new Metric({ namespace: 'Payee', metricName: 'RiskRuleHolds', dimensionsMap: { service: 'payee' }, statistic: Stats.SUM, period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: 'The risk rule plugin held a new payment (amount over the limit, or one buyer paying too often): see its log for the payNo.',
  });
  return { plugin, alarm };
}
