// A small CDK app with what payee's stack uses, so the emulator is tested on a real synthesized
// template independently of the product: table, FIFO queue + DLQ + event source mapping,
// REST API with a REQUEST authorizer, API keys, usage plans and gateway responses.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { App, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export const STACK = 'EmuTest';
/** API key values the authorizer lets through (by hash); which ones exist as API keys is up to each test. */
export const KEYS = {
  good: 'good-key-0123456789abcdef',
  throttled: 'throttle-key-0123456789abc',
  quota: 'quota-key-0123456789abcdef',
  disabled: 'disabled-key-0123456789abc',
  unknown: 'unknown-key-0123456789abcd',
  planless: 'planless-key-0123456789abc',
};

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Synthesizes into testdata/cdk.out (inside the repository, so bundles resolve the external AWS SDK from its node_modules). */
export function synthTestApp(): { template: string; assemblyDir: string } {
  const outdir = here('./cdk.out');
  // The CDK CLI turns asset metadata on; an in-process App has to ask for it.
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, STACK, { env: { region: 'us-east-1' } });

  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'ttl',
  });
  table.addGlobalSecondaryIndex({
    indexName: 'GSI1',
    partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
  });
  const dlq = new sqs.Queue(stack, 'Dlq', { fifo: true });
  const queue = new sqs.Queue(stack, 'Queue', {
    fifo: true,
    contentBasedDeduplication: true,
    visibilityTimeout: Duration.seconds(2),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 2 },
  });

  const fn = (id: string, file: string, extra: Partial<ConstructorParameters<typeof NodejsFunction>[2]> = {}) =>
    new NodejsFunction(stack, id, {
      entry: here(`./handlers/${file}`),
      runtime: lambda.Runtime.NODEJS_22_X,
      memorySize: 256,
      timeout: Duration.seconds(5),
      environment: { TABLE_NAME: table.tableName },
      bundling: { format: 'esm' as never, minify: false },
      ...extra,
    });
  const authorizerFn = fn('AuthorizerFn', 'authorizer.ts', {
    environment: { ALLOW_HASHES: Object.values(KEYS).map((k) => createHash('sha256').update(k).digest('hex')).join(',') },
  });
  const echo = fn('EchoFn', 'echo.ts', {
    environment: {
      TABLE_NAME: table.tableName,
      TABLE_ARN: table.tableArn,
      QUEUE_URL: queue.queueUrl,
      QUEUE_ARN: queue.queueArn,
      JOINED: Fn.join('|', [table.tableName, queue.queueName]),
      SUBBED: Fn.sub('${AWS::Region}/${T}', { T: table.tableName }),
    },
  });
  const sleeper = fn('SleeperFn', 'sleeper.ts', { timeout: Duration.seconds(1) });
  const consumer = fn('ConsumerFn', 'consumer.ts', { timeout: Duration.seconds(2) });
  consumer.addEventSource(new SqsEventSource(queue, { batchSize: 5, reportBatchItemFailures: true }));
  new events.Rule(stack, 'Nightly', { schedule: events.Schedule.cron({ minute: '0', hour: '3' }), targets: [new targets.LambdaFunction(echo)] });

  const api = new apigw.RestApi(stack, 'Api', {
    deployOptions: { stageName: 'live' },
    apiKeySourceType: apigw.ApiKeySourceType.HEADER,
  });
  const authorizer = new apigw.RequestAuthorizer(stack, 'Authorizer', {
    handler: authorizerFn,
    identitySources: [apigw.IdentitySource.header('x-api-key')],
    resultsCacheTtl: Duration.seconds(60),
  });
  const secured: apigw.MethodOptions = { apiKeyRequired: true, authorizer, authorizationType: apigw.AuthorizationType.CUSTOM };
  const v1 = api.root.addResource('v1');
  const things = v1.addResource('things');
  things.addMethod('GET', new apigw.LambdaIntegration(echo), secured);
  const thing = things.addResource('{thingId}');
  thing.addMethod('GET', new apigw.LambdaIntegration(echo), secured);
  thing.addMethod('POST', new apigw.LambdaIntegration(echo), secured);
  thing.addResource('special').addMethod('GET', new apigw.LambdaIntegration(echo), secured);
  v1.addResource('open').addMethod('GET', new apigw.LambdaIntegration(echo));
  v1.addResource('files').addProxy({ defaultIntegration: new apigw.LambdaIntegration(echo), anyMethod: true });
  v1.addResource('slow').addMethod('GET', new apigw.LambdaIntegration(sleeper));

  for (const type of [apigw.ResponseType.UNAUTHORIZED, apigw.ResponseType.ACCESS_DENIED]) {
    api.addGatewayResponse(`Gw${type.responseType}`, { type, statusCode: '403', templates: { 'application/json': '{"message":"Forbidden"}' } });
  }
  const stage = { api, stage: api.deploymentStage };
  api.addUsagePlan('Generous', { name: 'generous', throttle: { rateLimit: 1000, burstLimit: 1000 }, apiStages: [stage] });
  api.addUsagePlan('Tiny', { name: 'tiny', throttle: { rateLimit: 1, burstLimit: 2 }, apiStages: [stage] });
  api.addUsagePlan('Quota', { name: 'quota', quota: { limit: 3, period: apigw.Period.DAY }, apiStages: [stage] });

  app.synth();
  return { template: `${outdir}/${STACK}.template.json`, assemblyDir: outdir };
}
