/**
 * Delivers notifications as Alipay does (PROTOCOLS.md §1.5): POST to notify_url, done only when the
 * reply body is exactly `success`, otherwise again after 4m, 10m, 10m, 1h, 2h, 6h and 15h (8
 * deliveries in all) with the same notify_id. The schedule is multiplied by a time scale so a
 * day of retries fits in a test or a demo; the 15 s a delivery may take is Alipay's, unscaled.
 */
import { NOTIFY_CONTENT_TYPE, type Notification } from './notification.ts';

export const RETRY_INTERVALS_MS = [4, 10, 10, 60, 120, 360, 900].map((minutes) => minutes * 60_000);
const DELIVERY_TIMEOUT_MS = 15_000;
/** Enough of a reply to see what the receiver said, without keeping whole error pages. */
const REPLY_KEPT_CHARS = 1024;

/** One delivery attempt; `status` and `body`, or `error`, are filled in when it ends. */
export interface Delivery {
  notifyId: string;
  tradeStatus: string;
  /** 1 for the first delivery, up to 8. */
  attempt: number;
  /** ISO time the attempt was sent. */
  at: string;
  /** The receiver's HTTP status and reply body (`success` ends the retries). */
  status?: number;
  body?: string;
  /** Network error or timeout: no HTTP reply. */
  error?: string;
}

export interface Outgoing extends Notification {
  /** The deliveries listing it is recorded in (one per trade). */
  listing: string;
  url: string;
  /** The signed form body of an attempt sent at `now`. */
  body(now: Date): string;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch says only "fetch failed"; the reason (ECONNREFUSED...) is its cause.
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

export class Notifier {
  readonly #timeScale: number;
  readonly #listings = new Map<string, Delivery[]>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  /** `timeScale` multiplies Alipay's retry intervals: 1 is real time, 1/240 turns 4 min into 1 s. */
  constructor(timeScale: number) {
    this.#timeScale = timeScale;
  }

  /** Starts delivering now; retries follow on the schedule until `success` or the 8th attempt. */
  send(outgoing: Outgoing): void {
    this.#attempt(outgoing, 1);
  }

  deliveries(listing: string): Delivery[] {
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

  #attempt(outgoing: Outgoing, attempt: number): void {
    if (this.#closed) return;
    const run = this.#deliver(outgoing, attempt)
      .then((accepted) => {
        const interval = RETRY_INTERVALS_MS[attempt - 1];
        if (accepted || this.#closed || interval === undefined) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#attempt(outgoing, attempt + 1);
        }, interval * this.#timeScale);
        this.#timers.add(timer);
      })
      .catch((error: unknown) => console.error('[alipay sandbox] notifier', error));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** One POST; true when the receiver answered exactly `success`. Never rejects. */
  async #deliver(outgoing: Outgoing, attempt: number): Promise<boolean> {
    const at = new Date();
    const delivery: Delivery = { notifyId: outgoing.notifyId, tradeStatus: outgoing.tradeStatus, attempt, at: at.toISOString() };
    const listing = this.#listings.get(outgoing.listing) ?? [];
    this.#listings.set(outgoing.listing, listing);
    listing.push(delivery);

    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error(`no reply within ${DELIVERY_TIMEOUT_MS / 1000} s`)), DELIVERY_TIMEOUT_MS);
    this.#inFlight.add(controller);
    try {
      const response = await fetch(outgoing.url, {
        method: 'POST',
        headers: { 'content-type': NOTIFY_CONTENT_TYPE },
        body: outgoing.body(at),
        // A redirect is an answer other than `success`, not somewhere else to deliver to.
        redirect: 'manual',
        signal: controller.signal,
      });
      const reply = await response.text();
      delivery.status = response.status;
      delivery.body = reply.slice(0, REPLY_KEPT_CHARS);
      // Alipay looks at the body only (§1.5): exactly these 7 characters.
      return reply === 'success';
    } catch (error) {
      delivery.error = describe(error);
      return false;
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
  }
}
