// A function's execution environments: created on demand up to its concurrency, reused while warm,
// replaced after a timeout or crash — the way Lambda scales containers for one function.
import { randomUUID } from 'node:crypto';
import type { FunctionDefinition } from './functions.ts';
import type { EmfMetrics } from './emf.ts';
import { Sandbox, type LambdaError } from './sandbox.ts';

export type InvokeResult = { ok: true; payload: unknown } | { ok: false; error: LambdaError };

export interface FunctionMetrics {
  coldStarts: number;
  /** Module load time of each cold start, in ms (Lambda's Init Duration, minus the runtime's own start). */
  initMs: number[];
  invocations: number;
  /** Handler time of each invocation, in ms (Lambda's Duration). */
  durationsMs: number[];
  errors: number;
  timeouts: number;
  /** CPU time its environments used in invocations, in ms (their threads', init excluded). */
  cpuMs: number;
}

export interface RuntimeSettings {
  region: string;
  dynamodbEndpoint: string;
  sqsEndpoint: string;
  concurrency: number;
  verbose: boolean;
  powertoolsDev: boolean;
  /** Set last, over everything else: e.g. a benchmark's counting proxy in front of a service. */
  extraEnv: Record<string, string>;
  /** Where the functions' EMF log lines become metrics; none: their output is not read. */
  emf?: EmfMetrics;
}

/** Lambda's limit for the init phase of an on-demand function. */
const INIT_TIMEOUT_MS = 10_000;

export class FunctionPool {
  readonly metrics: FunctionMetrics = { coldStarts: 0, initMs: [], invocations: 0, durationsMs: [], errors: 0, timeouts: 0, cpuMs: 0 };
  private readonly idle: Sandbox[] = [];
  private readonly all = new Set<Sandbox>();
  private readonly waiting: Array<{ resolve: (s: Sandbox) => void; reject: (e: Error) => void }> = [];
  private readonly limit: number;
  /** The environment the function runs with, as Lambda sets it. */
  readonly env: Record<string, string>;
  private stopped = false;
  /** Chaos: invocations whose result is thrown away, as if the environment died after the handler. */
  private crashesAfterRun = 0;

  constructor(
    readonly definition: FunctionDefinition,
    private readonly settings: RuntimeSettings,
  ) {
    this.limit = Math.min(settings.concurrency, definition.reservedConcurrency ?? Infinity);
    this.env = environment(definition, settings);
  }

  async invoke(event: unknown): Promise<InvokeResult> {
    const { definition } = this;
    this.metrics.invocations++;
    const requestId = randomUUID();
    if (!definition.runtime.startsWith('nodejs') || !definition.taskRoot) {
      return this.fail({ errorType: 'Runtime.InvalidEntrypoint', errorMessage: `${definition.logicalId}: only Node.js functions with a bundled asset run locally (${definition.runtime || 'no runtime'})` });
    }
    if (this.limit === 0) {
      // Reserved concurrency 0 throttles every invocation, as it does in Lambda.
      return this.fail({ errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' });
    }
    let sandbox: Sandbox;
    try {
      sandbox = await this.acquire();
    } catch (error) {
      return this.fail({ errorType: 'ServiceException', errorMessage: (error as Error).message });
    }
    if (sandbox.invocations === 0) {
      const init = await withTimeout(sandbox.ready, INIT_TIMEOUT_MS, { ok: false, initMs: INIT_TIMEOUT_MS, error: { errorType: 'Runtime.InitTimeout', errorMessage: `RequestId: ${requestId} Error: init timed out after 10 seconds` } });
      this.metrics.coldStarts++;
      this.metrics.initMs.push(init.initMs);
      if (!init.ok) {
        // A failed init is retried by the next invocation in a fresh environment, as Lambda does.
        this.discard(sandbox);
        return this.fail(init.error);
      }
    }
    const timeoutMs = definition.timeoutSeconds * 1000;
    const started = performance.now();
    const reply = await withTimeout(sandbox.invoke(JSON.stringify(event), requestId, Date.now() + timeoutMs, definition.arn), timeoutMs, undefined);
    this.metrics.durationsMs.push(performance.now() - started);
    if (reply?.cpuMs !== undefined) this.metrics.cpuMs += sandbox.usedCpu(reply.cpuMs);
    if (reply === undefined) {
      // Lambda freezes and discards a timed-out environment: the next invocation is a cold start.
      this.metrics.timeouts++;
      this.discard(sandbox);
      return this.fail({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${definition.timeoutSeconds.toFixed(2)} seconds` });
    }
    if (this.crashesAfterRun > 0) {
      // The handler's side effects happened; its caller never hears of them (a crash before the
      // runtime reported the result: the SQS message is not deleted and comes back).
      this.crashesAfterRun--;
      this.discard(sandbox);
      return this.fail({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited (injected crash after the handler ran)` });
    }
    if (sandbox.isAlive) this.release(sandbox);
    else this.discard(sandbox);
    if (reply.type === 'error') return this.fail(reply.error);
    return { ok: true, payload: JSON.parse(reply.payload) };
  }

  /** Chaos: the next `count` invocations run, then their environment dies before answering. */
  crashAfterRun(count: number): void {
    this.crashesAfterRun = count;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('emulator stopped'));
    await Promise.all([...this.all].map((s) => s.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private fail(error: LambdaError): InvokeResult {
    this.metrics.errors++;
    return { ok: false, error };
  }

  private acquire(): Promise<Sandbox> {
    if (this.stopped) return Promise.reject(new Error('emulator stopped'));
    // Most recently used first, so that sequential calls keep hitting one warm environment.
    const warm = this.idle.pop();
    if (warm) return Promise.resolve(warm);
    if (this.all.size < this.limit) return Promise.resolve(this.spawn());
    // Lambda would throttle beyond reserved concurrency; locally the invocation waits its turn.
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private spawn(): Sandbox {
    const { emf } = this.settings;
    const sandbox = new Sandbox(this.definition, this.env, this.settings.verbose, emf && ((line) => emf.ingest(line)));
    this.all.add(sandbox);
    return sandbox;
  }

  private release(sandbox: Sandbox): void {
    const next = this.waiting.shift();
    if (next) next.resolve(sandbox);
    else this.idle.push(sandbox);
  }

  private discard(sandbox: Sandbox): void {
    void sandbox.terminate();
    this.all.delete(sandbox);
    const next = this.waiting.shift();
    if (next) next.resolve(this.spawn());
  }
}

/** The environment Lambda sets for a function, around the template's variables. */
function environment(definition: FunctionDefinition, settings: RuntimeSettings): Record<string, string> {
  return {
    ...definition.environment,
    ...(settings.powertoolsDev ? { POWERTOOLS_DEV: 'true' } : {}),
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    _HANDLER: definition.handler,
    LAMBDA_TASK_ROOT: definition.taskRoot ?? '',
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: definition.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    // Dummy credentials: the local services accept any; real ones must never reach local code.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    // The AWS SDK v3 sends each service to AWS_ENDPOINT_URL_<SERVICE> when it is set.
    AWS_ENDPOINT_URL_DYNAMODB: settings.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: settings.sqsEndpoint,
    AWS_ENDPOINT_URL_SNS: settings.sqsEndpoint,
    // fauxqs serves S3 (path style) on the same endpoint.
    AWS_ENDPOINT_URL_S3: settings.sqsEndpoint,
    ...settings.extraEnv,
  };
}

function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]).finally(() => clearTimeout(timer));
}
