/**
 * Delivers back notifications as UnionPay does (PROTOCOLS.md §3.3): POST to backUrl, done on HTTP
 * 200; otherwise, or without a reply within 10 s, again after 1, 2, 4 and 5 minutes (5 deliveries
 * in all). The intervals are multiplied by a time scale so the schedule fits in a test or a demo.
 */
import { NOTIFY_CONTENT_TYPE } from './notification.ts';

export const RETRY_INTERVALS_MS = [1, 2, 4, 5].map((minutes) => minutes * 60_000);
const DELIVERY_TIMEOUT_MS = 10_000;
const REPLY_KEPT_CHARS = 1024;

export interface Delivery {
  txnType: string;
  attempt: number;
  at: string;
  status?: number;
  body?: string;
  error?: string;
}

export interface Outgoing {
  /** The deliveries listing it is recorded in (one per consumption order). */
  listing: string;
  txnType: string;
  url: string;
  body: string;
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
        const interval = RETRY_INTERVALS_MS[attempt - 1];
        if (accepted || this.#closed || interval === undefined) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#attempt(outgoing, attempt + 1);
        }, interval * this.#timeScale);
        this.#timers.add(timer);
      })
      .catch((error: unknown) => console.error('[unionpay sandbox] notifier', error));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** One POST; true when the receiver answered HTTP 200 (the body is not looked at, §3.3). Never rejects. */
  async #deliver(outgoing: Outgoing, attempt: number): Promise<boolean> {
    const delivery: Delivery = { txnType: outgoing.txnType, attempt, at: new Date().toISOString() };
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
        body: outgoing.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      delivery.body = (await response.text()).slice(0, REPLY_KEPT_CHARS);
      delivery.status = response.status;
      return response.status === 200;
    } catch (error) {
      delivery.error = describe(error);
      return false;
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
  }
}
