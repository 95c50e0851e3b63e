/**
 * Delivers notifications as Alipay does (PROTOCOLS.md §1.5): POST to notify_url, done only when the
 * reply body is exactly `success`, otherwise again after 4m, 10m, 10m, 1h, 2h, 6h and 15h (8
 * deliveries in all) with the same notify_id. The schedule is multiplied by a time scale so a
 * day of retries fits in a test or a demo; the 15 s a delivery may take is Alipay's, unscaled.
 */
import { CallbackDelivery, type Attempt } from '../delivery.ts';
import { NOTIFY_CONTENT_TYPE, type Notification } from './notification.ts';

export const RETRY_INTERVALS_MS = [4, 10, 10, 60, 120, 360, 900].map((minutes) => minutes * 60_000);
const DELIVERY_TIMEOUT_MS = 15_000;

/** One delivery attempt (1 for the first, up to 8); `body` is `success` when it ends the retries. */
export type Delivery = Attempt<{ notifyId: string; tradeStatus: string }>;

export interface Outgoing extends Notification {
  /** The deliveries listing it is recorded in (one per trade). */
  listing: string;
  url: string;
  /** The signed form body of an attempt sent at `now`. */
  body(now: Date): string;
}

export class Notifier {
  readonly #delivery: CallbackDelivery<{ notifyId: string; tradeStatus: string }>;

  /** `timeScale` multiplies Alipay's retry intervals: 1 is real time, 1/240 turns 4 min into 1 s. */
  constructor(timeScale: number) {
    this.#delivery = new CallbackDelivery({
      schedule: RETRY_INTERVALS_MS,
      timeScale,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      // Alipay looks at the body only (§1.5): exactly these 7 characters.
      isAck: (_status, body) => body === 'success',
      label: '[alipay sandbox] notifier',
    });
  }

  /** Starts delivering now; retries follow on the schedule until `success` or the 8th attempt. */
  send(outgoing: Outgoing): void {
    this.#delivery.send({
      listing: outgoing.listing,
      url: outgoing.url,
      request: (now) => ({
        headers: { 'content-type': NOTIFY_CONTENT_TYPE },
        body: outgoing.body(now),
        record: { notifyId: outgoing.notifyId, tradeStatus: outgoing.tradeStatus },
      }),
    });
  }

  deliveries(listing: string): Delivery[] {
    return this.#delivery.deliveries(listing);
  }

  /** Cancels every pending retry and aborts deliveries in flight; resolves once they have ended. */
  close(): Promise<void> {
    return this.#delivery.close();
  }
}
