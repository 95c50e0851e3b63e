import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack, Validations, type CfnElement, type Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** esbuild settings shared by NodejsFunction's build, the code-splitting rebuild after it and the cold-start bench's reference. */
export const BUNDLE = {
  target: 'node22',
  // Prefer the ESM builds of dependencies so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  // Some bundled CommonJS dependencies call require(); an ESM bundle has none of its own.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  alias: {
    // Lambda passes the role's credentials in the environment; the SDK's full default chain
    // (SSO, INI files, STS, IMDS, ...) would only add weight to every cold start.
    '@aws-sdk/credential-provider-node': path.join(REPO_ROOT, 'lib/aws/env-credentials.ts'),
    // Loaded by the SDK only for event-stream operations, which no service payee calls has.
    '@smithy/core/event-streams': path.join(REPO_ROOT, 'lib/aws/no-event-streams.ts'),
    // The endpoint-discovery cache's LRU (mnemonist): a Map does it in a fraction of the bytes.
    'mnemonist/lru-cache': path.join(REPO_ROOT, 'lib/aws/lru-cache.ts'),
  },
};

/**
 * Arguments for `node` that rebuild `entry` (relative to `root`) into `outdir` with BUNDLE and code
 * splitting (split-bundle.mjs): every function's final build, and the bench's reference's.
 */
export function splitBundleArgs(root: string, entry: string, outdir: string): [string, string] {
  const options = { ...BUNDLE, entry: path.join(root, entry), outdir };
  // base64: the options hold quotes that a shell command line would mangle.
  return [path.join(root, 'infra/constructs/split-bundle.mjs'), Buffer.from(JSON.stringify(options)).toString('base64')];
}

/** What a function may do with the payment table. */
export type TableAccess = 'read' | 'readWrite';

export interface PayeeFunctionProps {
  /** Handler file relative to the repository root, e.g. `functions/api/create-payment.ts`. */
  readonly entry: string;
  readonly tenant: string;
  readonly timeout: Duration;
  /** Omitted for functions that never touch the table: they get neither TABLE_NAME nor a grant. */
  readonly table?: { readonly table: Table; readonly access: TableAccess };
  /** Variables of the handler's own, added to the house ones (which they may not replace). */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * A Lambda function with the house defaults (nodejs22.x, arm64, ESM bundle with the AWS SDK
 * inside, Powertools environment, X-Ray, one-month logs), so a handler's declaration in a stack
 * says only what differs: its file, its timeout, its table access and any variables of its own.
 */
export class PayeeFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: PayeeFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'LogGroup', { retention: RetentionDays.ONE_MONTH });

    // An own role with write access to this function's log group only, instead of the
    // AWSLambdaBasicExecutionRole managed policy (logs:* on every log group of the account).
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);

    const environment: Record<string, string> = {
      POWERTOOLS_SERVICE_NAME: 'payee',
      POWERTOOLS_METRICS_NAMESPACE: 'Payee',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      PAYEE_TENANT: props.tenant,
      // Each AWS call's budget (lib/aws/client-options.ts): two attempts and a back-off fit in the function's timeout.
      PAYEE_AWS_TIMEOUT_MS: String(Math.floor(props.timeout.toMilliseconds() / 3)),
    };
    if (props.table) environment.TABLE_NAME = props.table.table.tableName;
    for (const [name, value] of Object.entries(props.environment ?? {})) {
      if (name in environment) throw new Error(`${id}: environment variable ${name} is set by PayeeFunction`);
      environment[name] = value;
    }

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment,
      bundling: {
        format: OutputFormat.ESM,
        mainFields: BUNDLE.mainFields,
        target: BUNDLE.target,
        minify: true,
        sourceMap: false,
        banner: BUNDLE.banner,
        // Bundle @aws-sdk/* rather than use the runtime's copy: the version is the one we test,
        // and a tree-shaken bundle initialises faster than the runtime's full SDK.
        externalModules: [],
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLE.alias).map(([from, to]) => [`--alias:${from}`, to])),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [`node ${splitBundleArgs(inputDir, props.entry, outputDir).join(' ')}`],
        },
      },
    });

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is mandated: it is the Node version of the local toolchain (node@22) and of the local Lambda emulator, so what is tested is what runs.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });

    if (props.table) {
      const { table, access } = props.table;
      if (access === 'readWrite') table.grantReadWriteData(this.function);
      else table.grantReadData(this.function);
      const tableLogicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          "Query on the table's own GSIs (GSI1: payment by outTradeNo, GSI2: payments by month); the index ARNs under this one table are the narrowest resource that allows it.",
      });
    }
  }
}
