/**
 * Delivers back notifications as UnionPay does (PROTOCOLS.md §3.3): POST to backUrl, done on HTTP
 * 200; otherwise, or without a reply within 10 s, again after 1, 2, 4 and 5 minutes (5 deliveries
 * in all). The intervals are multiplied by a time scale so the schedule fits in a test or a demo.
 */
import { CallbackDelivery, type Attempt } from '../delivery.ts';
import { NOTIFY_CONTENT_TYPE } from './notification.ts';

export const RETRY_INTERVALS_MS = [1, 2, 4, 5].map((minutes) => minutes * 60_000);
const DELIVERY_TIMEOUT_MS = 10_000;

export type Delivery = Attempt<{ txnType: string }>;

export interface Outgoing {
  /** The deliveries listing it is recorded in (one per consumption order). */
  listing: string;
  txnType: string;
  url: string;
  body: string;
}

export class Notifier {
  readonly #delivery: CallbackDelivery<{ txnType: string }>;

  constructor(timeScale: number) {
    this.#delivery = new CallbackDelivery({
      schedule: RETRY_INTERVALS_MS,
      timeScale,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      // HTTP 200; the body is not looked at (§3.3).
      isAck: (status) => status === 200,
      label: '[unionpay sandbox] notifier',
    });
  }

  send(outgoing: Outgoing): void {
    this.#delivery.send({
      listing: outgoing.listing,
      url: outgoing.url,
      request: () => ({ headers: { 'content-type': NOTIFY_CONTENT_TYPE }, body: outgoing.body, record: { txnType: outgoing.txnType } }),
    });
  }

  deliveries(listing: string): Delivery[] {
    return this.#delivery.deliveries(listing);
  }

  close(): Promise<void> {
    return this.#delivery.close();
  }
}
