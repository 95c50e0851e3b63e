// One worker thread standing in for one Lambda execution environment.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from './functions.ts';

export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InitOutcome = { ok: true; initMs: number } | { ok: false; initMs: number; error: LambdaError };
/** `cpuMs`: the environment's thread CPU so far, when it answered. */
type Reply = ({ type: 'result'; payload: string } | { type: 'error'; error: LambdaError }) & { cpuMs?: number };

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export class Sandbox {
  readonly ready: Promise<InitOutcome>;
  invocations = 0;
  /** The thread CPU the last answer reported, in ms. */
  private cpuMs = 0;
  private readonly worker: Worker;
  private readonly died: Promise<LambdaError>;
  private alive = true;

  /** `onStdout`: each line the function prints (the emulator reads EMF metrics from them). */
  constructor(definition: FunctionDefinition, env: Record<string, string>, verbose: boolean, onStdout?: (line: string) => void) {
    const now = new Date();
    const logStreamName = `${now.toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const logGroupName = `/aws/lambda/${definition.name}`;
    this.worker = new Worker(WORKER_URL, {
      env: { ...env, AWS_LAMBDA_LOG_GROUP_NAME: logGroupName, AWS_LAMBDA_LOG_STREAM_NAME: logStreamName },
      workerData: {
        taskRoot: definition.taskRoot,
        handler: definition.handler,
        functionName: definition.name,
        functionVersion: '$LATEST',
        memorySize: definition.memoryMb,
        logGroupName,
        logStreamName,
      },
      // Lambda bounds the whole environment by MemorySize; V8's heap limit is the closest knob here.
      resourceLimits: { maxOldGenerationSizeMb: definition.memoryMb },
      // A Lambda runtime has no loader flags: never inherit the parent's (tsx, vitest).
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    pipeOutput(this.worker.stdout, process.stdout, verbose ? `[${definition.logicalId}] ` : undefined, onStdout);
    pipeOutput(this.worker.stderr, process.stderr, verbose ? `[${definition.logicalId}] ` : undefined);
    this.died = new Promise((resolve) => {
      let cause: Error | undefined;
      this.worker.on('error', (error) => (cause = error));
      this.worker.once('exit', (code) => {
        this.alive = false;
        resolve({
          errorType: 'Runtime.ExitError',
          errorMessage: `Runtime exited${cause ? ` with error: ${cause.message}` : ` with code ${code}`}`,
          trace: cause?.stack?.split('\n'),
        });
      });
    });
    this.ready = Promise.race([
      new Promise<InitOutcome>((resolve) =>
        this.worker.once('message', (m: { type: string; initMs: number; cpuMs?: number; error?: LambdaError }) => {
          // Init's CPU is not an invocation's.
          this.cpuMs = m.cpuMs ?? 0;
          resolve(m.type === 'ready' ? { ok: true, initMs: m.initMs } : { ok: false, initMs: m.initMs, error: m.error! });
        }),
      ),
      this.died.then((error): InitOutcome => ({ ok: false, initMs: 0, error })),
    ]);
  }

  /** The thread CPU an answer reports, less what init or the last answer did: this invocation's. */
  usedCpu(cpuMs: number): number {
    const used = cpuMs - this.cpuMs;
    this.cpuMs = cpuMs;
    return used;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Runs one invocation; the caller enforces the timeout (by terminating). Throws nothing. */
  invoke(event: string, requestId: string, deadline: number, invokedFunctionArn: string): Promise<Reply> {
    this.invocations++;
    const reply = new Promise<Reply>((resolve) => this.worker.once('message', resolve));
    this.worker.postMessage({ event, requestId, deadline, invokedFunctionArn });
    return Promise.race([reply, this.died.then((error): Reply => ({ type: 'error', error }))]);
  }

  async terminate(): Promise<void> {
    if (this.alive) await this.worker.terminate();
  }
}

/** Worker output goes to ours with a prefix per line when verbose, to `onLine` when given, and is drained unread otherwise. */
function pipeOutput(from: Readable, to: NodeJS.WriteStream, prefix: string | undefined, onLine?: (line: string) => void) {
  if (prefix === undefined && !onLine) {
    from.resume();
    return;
  }
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    onLine?.(line);
    if (prefix !== undefined) to.write(prefix + line + '\n');
  });
}
