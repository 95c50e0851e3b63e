/**
 * `npm run target -- --stack Payee-<tenant> [--endpoint http://localhost:4566] [--region r]`:
 * prints the integration suite's target (see target.ts) for a deployed stack — LocalStack when
 * an endpoint is given, AWS otherwise — from the stack's outputs. Use it as
 * `PAYEE_TARGET=<file> npx vitest run --project integration`.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { parseArgs } from 'node:util';
import type { Target } from './target.ts';

const USAGE = `usage: npm run target -- --stack Payee-<tenant> [--endpoint <url>] [--region <region>] > <file>

Prints, as JSON, the target the integration suite runs against (PAYEE_TARGET=<file>), read from a
deployed stack's CloudFormation outputs.

  --stack <name>      the stack, Payee-<tenant> (required)
  --endpoint <url>    LocalStack's endpoint, e.g. http://localhost:4566; without it, AWS itself
                      with the credentials of the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID ...)
  --region <region>   default: AWS_REGION, else us-east-1
  -h, --help          this text

Example: npm run target -- --stack Payee-acme --region eu-west-1 > .payee/acme.json
         PAYEE_TARGET=.payee/acme.json npx vitest run --project integration`;

let values: { stack?: string; endpoint?: string; region?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { stack: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  console.error(`target: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.stack) {
  console.error(`target: --stack is required\n\n${USAGE}`);
  process.exit(2);
}
/** The target from the stack's outputs; an AWS error (no credentials, no such stack) as one line. */
async function describeTarget(stack: string): Promise<Target> {
  const region = values.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const endpoint = values.endpoint;
  const cfn = new CloudFormationClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } : {}),
  });
  const { Stacks = [] } = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
  const outputs: Record<string, string> = Object.fromEntries((Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const need = (key: string) => {
    if (!outputs[key]) throw new Error(`${stack} has no output ${key}; deploy the current stack first`);
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
  return target;
}

try {
  console.log(JSON.stringify(await describeTarget(values.stack), null, 2));
} catch (error) {
  console.error(`target: ${(error as Error).message}`);
  process.exit(1);
}
