/**
 * A language's adapter as a child process speaking the conformance protocol (CONTRIBUTING.md):
 * one JSON object per line each way; first the adapter's `ready` line, then one request at a
 * time, each answered by the line with its `id`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Ready {
  sdk: string;
  version: string;
  /** The call styles the SDK offers, its default first: ["sync", "async"], ["async"], ... */
  variants: string[];
}

/** What the adapter reports for an SDK error: the SDK's own class and the API's fields. */
export interface SdkError {
  /**
   * The API's `error.type` (invalid_request, authentication, not_found, conflict, idempotency,
   * provider, unavailable, internal), or: rate_limit (429), api (another non-2xx), connection (no
   * answer), signature (a notification that does not verify), wait_timeout (a waiter's deadline).
   */
  kind: string;
  class: string;
  message: string;
  status?: number;
  code?: string;
  param?: string;
  payNo?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** wait_timeout: the payment or refund the last poll saw. */
  last?: Record<string, unknown>;
}

export type Reply = { id: number; ok: true; result: any } | { id: number; ok: false; error: SdkError };

export class SdkCallFailed extends Error {
  constructor(
    readonly op: string,
    readonly error: SdkError,
  ) {
    super(`${op}: ${error.class} (${error.kind}${error.code ? ` ${error.code}` : ''}${error.status ? `, HTTP ${error.status}` : ''}): ${error.message}`);
  }
}

export class AdapterProcess {
  readonly ready: Ready;
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, (reply: Reply) => void>();
  readonly #stderr: string[] = [];
  #next = 1;
  #exited: string | undefined;

  private constructor(child: ChildProcess, ready: Ready, lines: AsyncIterator<string>) {
    this.#child = child;
    this.ready = ready;
    void (async () => {
      for (let line = await lines.next(); !line.done; line = await lines.next()) {
        if (!line.value.trim()) continue;
        const reply = JSON.parse(line.value) as Reply;
        this.#waiting.get(reply.id)?.(reply);
        this.#waiting.delete(reply.id);
      }
    })();
  }

  static async start(command: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<AdapterProcess> {
    const child = spawn(command[0]!, command.slice(1), { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = await Promise.race([
      lines.next(),
      new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`adapter exited (${code}) before ready: ${stderr.join('').slice(-2000)}`)))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`adapter not ready within 120 s: ${stderr.join('').slice(-2000)}`)), 120_000).unref()),
    ]);
    const { ready } = JSON.parse(first.value as string) as { ready: Ready };
    if (!ready?.sdk || !Array.isArray(ready.variants) || ready.variants.length === 0) throw new Error(`adapter's first line is not {"ready":{sdk,version,variants}}: ${first.value}`);
    const adapter = new AdapterProcess(child, ready, lines);
    adapter.#stderr.push(...stderr);
    child.stderr!.on('data', (chunk: Buffer) => adapter.#stderr.push(chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      adapter.#exited = `adapter exited (${code ?? signal})`;
      for (const resolve of adapter.#waiting.values()) resolve({ id: 0, ok: false, error: { kind: 'adapter', class: 'exit', message: adapter.#exited } });
      adapter.#waiting.clear();
    });
    return adapter;
  }

  /** The adapter's stderr so far (shown with a failed scenario). */
  stderrTail(chars = 2000): string {
    return this.#stderr.join('').slice(-chars);
  }

  /** One request; the answer whatever it is (a call may be meant to fail). */
  async call(op: string, args: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<Reply> {
    if (this.#exited) throw new Error(this.#exited);
    const id = this.#next++;
    const reply = new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${op}: no answer from the adapter within ${timeoutMs} ms`)), timeoutMs);
      this.#waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.#child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
    return reply;
  }

  async close(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.stdin!.end();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
