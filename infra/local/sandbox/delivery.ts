/**
 * Callback delivery with retries, shared by the provider sandboxes: POST, record the attempt, and
 * until the provider's ack, again on the provider's schedule multiplied by a time scale. Each
 * delivery has its own timeout; close() cancels pending retries and aborts deliveries in flight.
 * What differs per provider (schedule, ack rule, timeout, signing, recorded fields) is passed in.
 */

/** One attempt as recorded: the provider's fields, then these; `status` and `body`, or `error`, when it ends. */
export type Attempt<F> = F & {
  /** 1 for the first delivery. */
  attempt: number;
  /** ISO time the attempt was sent. */
  at: string;
  /** The receiver's HTTP status and (start of the) reply body. */
  status?: number;
  body?: string;
  /** Network error or timeout: no HTTP reply. */
  error?: string;
};

/** One attempt's request, built (and signed) afresh for each attempt, with the fields recorded for it. */
export interface AttemptRequest<F> {
  headers: Record<string, string>;
  body: string;
  record: F;
}

export interface Callback<F> {
  /** The deliveries listing it is recorded in. */
  listing: string;
  url: string;
  /** The request of an attempt sent at `now`. */
  request(now: Date): AttemptRequest<F>;
}

export interface DeliveryOptions {
  /** Milliseconds to wait before the 2nd, 3rd, ... delivery; its length + 1 deliveries in all. */
  schedule: readonly number[];
  /** Multiplies the schedule: 1 is real time. */
  timeScale: number;
  /** How long one delivery may take (not scaled). */
  timeoutMs: number;
  /** True when the receiver's answer ends the retries. */
  isAck(status: number, body: string): boolean;
  /** Prefixes unexpected errors in the log, e.g. `[alipay sandbox] notifier`. */
  label: string;
}

/** Enough of a reply to see what the receiver said, without keeping whole error pages. */
const REPLY_KEPT_CHARS = 1024;
/** Notify retries are this much faster unless told otherwise: a first retry after 4 minutes comes after 1 s. */
const DEFAULT_TIME_SCALE = 1 / 240;

/** The option, else PAYEE_SANDBOX_TIME_SCALE (how `npm start` users set it), else the default. */
export function notifyTimeScale(option: number | undefined): number {
  const env = process.env.PAYEE_SANDBOX_TIME_SCALE;
  const scale = option ?? (env ? Number(env) : DEFAULT_TIME_SCALE);
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`the notify time scale must be a number > 0 (PAYEE_SANDBOX_TIME_SCALE=${env})`);
  return scale;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED...) is its cause.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

export class CallbackDelivery<F extends object> {
  readonly #options: DeliveryOptions;
  readonly #listings = new Map<string, Attempt<F>[]>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  constructor(options: DeliveryOptions) {
    this.#options = options;
  }

  /** Starts delivering now; retries follow on the schedule until acked or out of attempts. */
  send(callback: Callback<F>): void {
    this.#attempt(callback, 1);
  }

  deliveries(listing: string): Attempt<F>[] {
    return (this.#listings.get(listing) ?? []).map((delivery) => ({ ...delivery }));
  }

  /** Cancels every pending retry and aborts deliveries in flight; resolves once they have ended. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const controller of this.#inFlight) controller.abort(new Error('sandbox closed'));
    await Promise.all(this.#running);
  }

  #attempt(callback: Callback<F>, attempt: number): void {
    if (this.#closed) return;
    const run = this.#deliver(callback, attempt)
      .then((accepted) => {
        const interval = this.#options.schedule[attempt - 1];
        if (accepted || this.#closed || interval === undefined) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#attempt(callback, attempt + 1);
        }, interval * this.#options.timeScale);
        this.#timers.add(timer);
      })
      .catch((error: unknown) => console.error(this.#options.label, error));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** One POST; true when the receiver acked. Never rejects. */
  async #deliver(callback: Callback<F>, attempt: number): Promise<boolean> {
    const { timeoutMs, isAck } = this.#options;
    const at = new Date();
    const request = callback.request(at);
    const delivery = { ...request.record, attempt, at: at.toISOString() } as Attempt<F>;
    const listing = this.#listings.get(callback.listing) ?? [];
    this.#listings.set(callback.listing, listing);
    listing.push(delivery);

    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error(`no reply within ${timeoutMs / 1000} s`)), timeoutMs);
    this.#inFlight.add(controller);
    try {
      const response = await fetch(callback.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        // A redirect is an answer other than the ack, not somewhere else to deliver to.
        redirect: 'manual',
        signal: controller.signal,
      });
      const reply = await response.text();
      delivery.status = response.status;
      delivery.body = reply.slice(0, REPLY_KEPT_CHARS);
      return isAck(response.status, reply);
    } catch (error) {
      delivery.error = describe(error);
      return false;
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
  }
}
