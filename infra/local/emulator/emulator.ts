// Brings up what a synthesized stack template describes, locally: DynamoDB Local, fauxqs, the
// Lambda bundles in worker threads, the API Gateway stand-in and its management API, SQS event
// source mappings and schedules.
import { readApi } from './apigw/model.ts';
import { startManagementServer } from './apigw/management.ts';
import { startApiServer } from './apigw/server.ts';
import type { IamCredential } from './apigw/iam.ts';
import { Usage } from './apigw/usage.ts';
import { createTables, startDynamo } from './dynamodb.ts';
import { Resolver } from './intrinsics.ts';
import { EmfMetrics } from './lambda/emf.ts';
import { readFunctions } from './lambda/functions.ts';
import { FunctionPool, type FunctionMetrics, type InvokeResult } from './lambda/pool.ts';
import { startPollers } from './poller.ts';
import { startSchedules } from './schedules.ts';
import { startStreamPollers } from './streams.ts';
import { createMessaging, FAUXQS_ACCOUNT_ID, startSqs } from './sqs.ts';
import { step, type Progress } from './progress.ts';
import { loadTemplate } from './template.ts';

export interface EmulatorOptions {
  /** Path to `<stack>.template.json`. */
  template: string;
  /** The cloud assembly (`cdk.out`) that holds the function assets. */
  assemblyDir: string;
  /** Interface for the HTTP servers and the endpoints handed out; default 127.0.0.1. */
  host?: string;
  /** 0 or absent: a free port. */
  ports?: { api?: number; dynamodb?: number; sqs?: number; apigwManagement?: number };
  /** Pass function output through, prefixed with the function's logical id. */
  verbose?: boolean;
  /** Execution environments per function at most (default 10); Lambda's reserved concurrency lowers it. */
  concurrency?: number;
  /** Default us-east-1. */
  region?: string;
  /** Sets POWERTOOLS_DEV=true in every function (pretty-printed Powertools logs). */
  powertoolsDev?: boolean;
  /** Environment variables set in every function last, over the template's and the emulator's. */
  functionEnv?: Record<string, string>;
  /** Who may call the API's AWS_IAM methods, signing with SigV4; none: those methods refuse everyone. */
  iamCredentials?: readonly IamCredential[];
  /** Keep DynamoDB Local's database in this directory; none: in memory, gone when it stops. */
  dynamodbDataDir?: string;
  /** Told when each start-up step (a service, the resources, the functions) is done. */
  progress?: Progress;
  /** Construct names (`EventsRelay`) whose stream mappings are left off, as if disabled: a benchmark's baseline. */
  disabledStreamConsumers?: readonly string[];
}

export interface Emulator {
  /** `http://127.0.0.1:<port>/<stage>` for the API's first stage; undefined when the stack has no RestApi. */
  apiUrl: string | undefined;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  apigwManagementEndpoint: string;
  region: string;
  /** logical id → table name */
  tables: Record<string, string>;
  /** logical id → queue URL */
  queues: Record<string, string>;
  /** usage plan name → id (stable across restarts: derived from the logical id) */
  usagePlans: Record<string, string>;
  /** logical id → live metrics of the function */
  functions: Record<string, FunctionMetrics>;
  /** logical id → the function's bundle directory (cdk.out/asset.<hash>), its resolved template environment, and the whole environment it runs with here */
  functionAssets: Record<string, { dir: string | undefined; environment: Record<string, string>; runtimeEnvironment: Record<string, string> }>;
  /** The stack's outputs, resolved to the local names and URLs. */
  outputs: Record<string, string>;
  /** The functions' embedded-metric-format log lines as data points (what CloudWatch makes of them). */
  metrics: EmfMetrics;
  /** Invokes a function directly (RequestResponse), as `lambda invoke` would. */
  invoke(functionLogicalId: string, event: unknown): Promise<InvokeResult>;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'us-east-1';
  const ports = options.ports ?? {};
  const template = loadTemplate(options.template);
  // Everything started so far, stopped in reverse order by stop() or by a failing start.
  const started: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error('emulator: stopping failed', error);
      }
    }
  };
  try {
    const { progress } = options;
    const [dynamo, sqs] = await Promise.allSettled([
      step(`DynamoDB Local (${options.dynamodbDataDir ? `data in ${options.dynamodbDataDir}` : 'in memory'})`, () => startDynamo(ports.dynamodb ?? 0, host, region, options.dynamodbDataDir), progress),
      step('SQS and SNS (fauxqs, in memory)', () => startSqs(ports.sqs ?? 0, host, region), progress),
    ]);
    if (dynamo.status === 'fulfilled') started.push(() => dynamo.value.stop());
    if (sqs.status === 'fulfilled') started.push(() => sqs.value.stop());
    if (dynamo.status === 'rejected') throw dynamo.reason;
    if (sqs.status === 'rejected') throw sqs.reason;

    const resolver = new Resolver(template, { region, accountId: FAUXQS_ACCOUNT_ID, sqsEndpoint: sqs.value.endpoint });
    const { tables, queues } = await step(
      'tables, queues and topics',
      async () => ({ tables: await createTables(dynamo.value.endpoint, resolver), queues: await createMessaging(sqs.value, resolver) }),
      progress,
    );

    const metrics = new EmfMetrics();
    // Before the functions: they are handed its address as their API Gateway endpoint (the admin
    // function creates API keys there).
    const usage = new Usage(resolver);
    const management = await startManagementServer(usage, host, ports.apigwManagement ?? 0, {
      pauseDynamo: () => dynamo.value.pause(),
      resumeDynamo: () => dynamo.value.resume(),
      crashAfterRun: (id, count) => {
        // The construct's name is enough (`StatusWorker`): CDK appends a hash to logical ids.
        const matches = [...pools.keys()].filter((k) => k === id || k.startsWith(id));
        const pool = matches.length === 1 ? pools.get(matches[0]!) : undefined;
        pool?.crashAfterRun(count);
        return !!pool;
      },
      invoke: (name, event) => {
        const pool = [...pools.values()].find(({ definition: d }) => name === d.name || name === d.arn || name.startsWith(`${d.arn}:`));
        return pool?.invoke(event);
      },
      metricStatistics: (namespace, name, dimensions, since) => metrics.statistics(namespace, name, dimensions, since),
    });
    started.push(() => management.stop());

    const pools = new Map<string, FunctionPool>();
    const settings = {
      region,
      dynamodbEndpoint: dynamo.value.endpoint,
      sqsEndpoint: sqs.value.endpoint,
      concurrency: options.concurrency ?? 10,
      verbose: options.verbose ?? false,
      powertoolsDev: options.powertoolsDev ?? false,
      extraEnv: { AWS_ENDPOINT_URL_API_GATEWAY: management.url, ...options.functionEnv },
      emf: metrics,
    };
    for (const definition of readFunctions(resolver, options.assemblyDir)) pools.set(definition.logicalId, new FunctionPool(definition, settings));
    const stopPools = () => Promise.all([...pools.values()].map((p) => p.stop())).then(() => undefined);
    started.push(stopPools);

    const pollers = startPollers(resolver, sqs.value.endpoint, pools);
    const disabled = options.disabledStreamConsumers ?? [];
    const streamPollers = startStreamPollers(resolver, { dynamodb: dynamo.value.endpoint, sqs: sqs.value.endpoint }, pools, (id) =>
      disabled.some((name) => id.startsWith(name)),
    );
    // Together: a poller waits for its batch's invocation, which ends when the pool stops.
    started.push(() => Promise.all([pollers.stop(), streamPollers.stop(), stopPools()]).then(() => undefined));
    const schedules = startSchedules(resolver, pools);
    started.push(() => schedules.stop());

    const api = readApi(resolver);
    let apiUrl: string | undefined;
    if (api) {
      const server = await step(
        `API Gateway (${pools.size} functions)`,
        () => startApiServer({ api, usage, pools, region, accountId: FAUXQS_ACCOUNT_ID, host, port: ports.api ?? 0, iamCredentials: options.iamCredentials }),
        progress,
      );
      started.push(() => server.stop());
      apiUrl = `${server.url}/${[...api.stages.keys()][0] ?? ''}`;
    }

    return {
      apiUrl,
      dynamodbEndpoint: dynamo.value.endpoint,
      sqsEndpoint: sqs.value.endpoint,
      apigwManagementEndpoint: management.url,
      region,
      tables,
      queues,
      outputs: resolveOutputs(resolver, template.body.Outputs ?? {}),
      usagePlans: Object.fromEntries([...usage.plans.values()].map((p) => [p.name, p.id])),
      functions: Object.fromEntries([...pools].map(([id, pool]) => [id, pool.metrics])),
      metrics,
      functionAssets: Object.fromEntries(
        [...pools].map(([id, { definition, env }]) => [id, { dir: definition.taskRoot, environment: definition.environment, runtimeEnvironment: env }]),
      ),
      invoke(functionLogicalId, event) {
        const pool = pools.get(functionLogicalId);
        if (!pool) throw new Error(`No function ${functionLogicalId} in the template`);
        return pool.invoke(event);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Outputs whose values resolve locally (an output naming what the emulator does not build is left out). */
function resolveOutputs(resolver: Resolver, outputs: Record<string, { Value: unknown }>): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, output] of Object.entries(outputs)) {
    try {
      resolved[key] = resolver.string(output.Value, `output ${key}`);
    } catch {
      // not resolvable here
    }
  }
  return resolved;
}
