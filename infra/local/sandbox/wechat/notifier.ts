/**
 * Delivers notifications as WeChat Pay does (PROTOCOLS.md §2.3): POST the JSON to notify_url, done
 * on HTTP 200 or 204 (the status decides, not the body), otherwise again after
 * 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h (16 deliveries) with the same `id`, each
 * delivery signed afresh. The schedule is multiplied by a time scale; the 5 s answer time is WeChat's.
 */
export const RETRY_INTERVALS_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
const DELIVERY_TIMEOUT_MS = 5_000;
const REPLY_KEPT_CHARS = 1024;

export interface Delivery {
  id: string;
  eventType: string;
  attempt: number;
  at: string;
  status?: number;
  body?: string;
  error?: string;
}

export interface Outgoing {
  id: string;
  eventType: string;
  /** The deliveries listing it is recorded in (one per trade). */
  listing: string;
  url: string;
  body: string;
  /** Fresh Wechatpay-* headers for one attempt. */
  headers(): Record<string, string>;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

export class Notifier {
  readonly #timeScale: number;
  readonly #listings = new Map<string, Delivery[]>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  constructor(timeScale: number) {
    this.#timeScale = timeScale;
  }

  send(outgoing: Outgoing): void {
    this.#attempt(outgoing, 1);
  }

  deliveries(listing: string): Delivery[] {
    return (this.#listings.get(listing) ?? []).map((delivery) => ({ ...delivery }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const controller of this.#inFlight) controller.abort(new Error('sandbox closed'));
    await Promise.all(this.#running);
  }

  #attempt(outgoing: Outgoing, attempt: number): void {
    if (this.#closed) return;
    const run = this.#deliver(outgoing, attempt)
      .then((accepted) => {
        const interval = RETRY_INTERVALS_S[attempt - 1];
        if (accepted || this.#closed || interval === undefined) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#attempt(outgoing, attempt + 1);
        }, interval * 1000 * this.#timeScale);
        this.#timers.add(timer);
      })
      .catch((error: unknown) => console.error('[wechat sandbox] notifier', error));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async #deliver(outgoing: Outgoing, attempt: number): Promise<boolean> {
    const delivery: Delivery = { id: outgoing.id, eventType: outgoing.eventType, attempt, at: new Date().toISOString() };
    const listing = this.#listings.get(outgoing.listing) ?? [];
    this.#listings.set(outgoing.listing, listing);
    listing.push(delivery);

    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error(`no reply within ${DELIVERY_TIMEOUT_MS / 1000} s`)), DELIVERY_TIMEOUT_MS);
    this.#inFlight.add(controller);
    try {
      const response = await fetch(outgoing.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...outgoing.headers() },
        body: outgoing.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      delivery.status = response.status;
      delivery.body = (await response.text()).slice(0, REPLY_KEPT_CHARS);
      return response.status === 200 || response.status === 204;
    } catch (error) {
      delivery.error = describe(error);
      return false;
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
  }
}
