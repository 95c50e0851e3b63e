import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PluginSubscription } from '../../infra/constructs/plugin-subscription.ts';
import { accountingExport, type AccountingExportSettings } from './manifest.ts';

/** Its subscription, its bucket (private, encrypted, kept when the stack goes), read and write on that bucket only. */
export function accountingExportPlugin(scope: Construct, props: { settings: AccountingExportSettings; topic: ITopic; tenant: string }): PluginSubscription {
  const bucket = new Bucket(scope, 'AccountingExportBucket', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
  });
  Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'Server access logs would need a second bucket per tenant; object writes are the plugin function\'s alone and in its logs.' });
  const plugin = new PluginSubscription(scope, 'AccountingExport', {
    manifest: accountingExport,
    settings: props.settings,
    topic: props.topic,
    tenant: props.tenant,
    environment: { EXPORT_BUCKET: bucket.bucketName },
    // Each invocation reads and rewrites a day's file: the more events per rewrite, the fewer rewrites.
    batching: { batchSize: 100, maxBatchingWindow: Duration.seconds(5) },
  });
  // Objects read and written, nothing deleted; ListBucket so that a day's missing file reads as NoSuchKey, not AccessDenied.
  const role = plugin.function.function;
  role.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [bucket.arnForObjects('*')] }));
  role.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
  Validations.of(role.role!).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
    reason: "The day's files are named at run time (<prefix><companyId>/<day>.csv): every object of the plugin's own bucket.",
  });
  // One at a time: a day's file is read and rewritten whole.
  (plugin.function.function.node.defaultChild as CfnFunction).reservedConcurrentExecutions = 1;
  const output = new CfnOutput(scope, 'AccountingExportBucketName', { value: bucket.bucketName, description: 'The accounting export plugin\'s CSV files: <prefix><companyId>/<yyyy-mm-dd>.csv' });
  // Inside the Plugins construct CDK would name the output PluginsAccountingExportBucketName<hash>: operators and the local target look it up by this name.
  output.overrideLogicalId('AccountingExportBucketName');
  return plugin;
}
