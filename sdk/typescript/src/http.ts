/**
 * One request, with the house rules: the API key and version headers, a timeout per attempt,
 * retries with exponential backoff and jitter (or what `Retry-After` asks) on a lost connection,
 * 409 `idempotency_key_in_use`, 429 and 5xx, and one Idempotency-Key for every attempt of a POST.
 */
import { ConnectionError, errorFromResponse, PayeeError } from './errors.ts';
import { API_VERSION } from './models.ts';
import { VERSION } from './version.ts';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PayeeOptions {
  apiKey: string;
  /** The API's URL with its stage, e.g. http://127.0.0.1:4010/live (`npm start`) or a tenant's ApiUrl. */
  baseUrl: string;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Per attempt, connect to last byte (default 60 s). */
  timeoutMs?: number;
  /** The first backoff (default 500 ms); it doubles up to maxRetryDelayMs (default 5 s), with jitter. */
  initialRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Any WHATWG fetch: the platform's by default. */
  fetch?: typeof fetch;
  /** Time for retries and waiters; tests inject their own. */
  clock?: Clock;
  /** Appended to the User-Agent, e.g. "my-shop/1.2". */
  appInfo?: string;
}

export interface RequestOptions {
  /** A POST's Idempotency-Key; one is made when absent. The same key is sent on every retry. */
  idempotencyKey?: string;
  maxRetries?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A Retry-After larger than this is not waited for: the error goes to the caller instead. */
const MAX_RETRY_AFTER_MS = 60_000;

export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Connection errors, 409 in progress, 429 and 5xx; never another 4xx. */
export function isRetryable(error: PayeeError): boolean {
  if (error instanceof ConnectionError) return true;
  if (error.status === 409) return error.code === 'idempotency_key_in_use';
  return error.status === 429 || (error.status !== undefined && error.status >= 500);
}

export class Transport {
  readonly #options: Required<Omit<PayeeOptions, 'appInfo'>> & { appInfo?: string };
  readonly #userAgent: string;

  constructor(options: PayeeOptions) {
    if (!options.apiKey) throw new TypeError('payee: apiKey is required');
    if (!options.baseUrl) throw new TypeError('payee: baseUrl is required');
    this.#options = {
      maxRetries: 2,
      timeoutMs: 60_000,
      initialRetryDelayMs: 500,
      maxRetryDelayMs: 5_000,
      fetch: globalThis.fetch.bind(globalThis),
      clock: systemClock,
      // An option given as undefined keeps its default (`{ timeoutMs: config.timeout }` with none set).
      ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
      apiKey: options.apiKey,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
    // No Node typings in the build: the SDK runs wherever fetch does.
    const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
    const runtime = node ? `node/${node}` : 'fetch';
    this.#userAgent = [`payee-typescript/${VERSION}`, runtime, options.appInfo].filter(Boolean).join(' ');
  }

  get clock(): Clock {
    return this.#options.clock;
  }

  /** The wait before retry `attempt` (1, 2, ...): doubling from the first delay up to the cap, × 0.5..1 jitter. */
  backoffMs(attempt: number): number {
    const { initialRetryDelayMs, maxRetryDelayMs } = this.#options;
    return Math.min(maxRetryDelayMs, initialRetryDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  }

  async request<T>(method: 'GET' | 'POST', path: string, init: { query?: object; body?: unknown; options?: RequestOptions } = {}): Promise<T> {
    const options = init.options ?? {};
    const url = new URL(`${this.#options.baseUrl}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = {
      'x-api-key': this.#options.apiKey,
      'Payee-Version': API_VERSION,
      'User-Agent': this.#userAgent,
      'Payee-Client': `typescript/${VERSION}`,
      accept: 'application/json',
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    // Made once, so that every retry of this call is the same request to the API.
    if (method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey ?? (await newIdempotencyKey());
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const maxRetries = options.maxRetries ?? this.#options.maxRetries;

    for (let attempt = 0; ; attempt++) {
      let error: PayeeError;
      try {
        return (await this.#attempt(url, { method, headers, body }, options)) as T;
      } catch (caught) {
        if (!(caught instanceof PayeeError)) throw caught;
        error = caught;
      }
      if (attempt >= maxRetries || !isRetryable(error) || options.signal?.aborted) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) throw error;
      await this.#options.clock.sleep(error.retryAfterMs ?? this.backoffMs(attempt + 1));
    }
  }

  async #attempt(url: URL, init: { method: string; headers: Record<string, string>; body?: string }, options: RequestOptions): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ConnectionError(`payee: no answer within ${timeoutMs} ms`, { type: 'connection' })), timeoutMs);
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.#options.fetch(url, { ...init, signal: controller.signal });
        text = await response.text();
      } catch (cause) {
        if (options.signal?.aborted) throw options.signal.reason;
        const reason = controller.signal.aborted ? controller.signal.reason : undefined;
        if (reason instanceof ConnectionError) throw reason;
        throw new ConnectionError(`payee: ${init.method} ${url.pathname} failed: ${(cause as Error).message}`, { type: 'connection', cause });
      }
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (response.ok && parsed !== undefined) return parsed;
      if (response.ok) throw errorFromResponse(response.status, { message: `payee: a ${response.status} answer that is not JSON` }, response.headers);
      throw errorFromResponse(response.status, parsed ?? { message: text.slice(0, 200) || `HTTP ${response.status}` }, response.headers, retryAfterMs(response.headers, Date.now()));
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** A UUID from Web Crypto: global in Node 19+ and every other runtime, node:crypto's in Node 18. */
export async function webCrypto(): Promise<Crypto> {
  if (globalThis.crypto?.subtle) return globalThis.crypto;
  // A specifier in a variable: runtimes with a global crypto never resolve it.
  const nodeCrypto = 'node:crypto';
  const { webcrypto } = (await import(nodeCrypto)) as { webcrypto: Crypto };
  return webcrypto;
}

export async function newIdempotencyKey(): Promise<string> {
  return (await webCrypto()).randomUUID();
}
