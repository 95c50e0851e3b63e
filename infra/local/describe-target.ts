/**
 * `npm run target -- --stack Payee-<tenant> [--endpoint http://localhost:4566] [--region r]`:
 * prints the integration suite's target (see target.ts) for a deployed stack — LocalStack when
 * an endpoint is given, AWS otherwise — from the stack's outputs. Use it as
 * `PAYEE_TARGET=<file> npx vitest run --project integration`.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { parseArgs } from 'node:util';
import type { Target } from './target.ts';

const { values } = parseArgs({
  options: { stack: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } },
});
if (!values.stack) {
  console.error('usage: npm run target -- --stack Payee-<tenant> [--endpoint http://localhost:4566] [--region us-east-1]');
  process.exit(2);
}
const region = values.region ?? process.env.AWS_REGION ?? 'us-east-1';
const endpoint = values.endpoint;
const cfn = new CloudFormationClient({
  region,
  ...(endpoint ? { endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } : {}),
});
const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: values.stack }));
const outputs: Record<string, string> = Object.fromEntries((Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
const need = (key: string) => {
  if (!outputs[key]) throw new Error(`${values.stack} has no output ${key}; deploy the current stack first`);
  return outputs[key]!;
};
const target: Target = {
  apiUrl: need('ApiUrl').replace(/\/$/, ''),
  region,
  tableName: need('TableName'),
  usagePlans: Object.fromEntries(
    Object.entries(outputs)
      .filter(([k]) => k.startsWith('UsagePlanId'))
      .map(([k, v]) => [k.slice('UsagePlanId'.length).toLowerCase(), v]),
  ),
  queues: { callbacks: need('CallbackQueueUrl'), callbacksDeadLetter: need('CallbackDeadLetterQueueUrl') },
  functions: JSON.parse(need('FunctionNames')),
  ...(endpoint ? { endpoints: { dynamodb: endpoint, sqs: endpoint, apigateway: endpoint, lambda: endpoint } } : {}),
};
console.log(JSON.stringify(target, null, 2));
