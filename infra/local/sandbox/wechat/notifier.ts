/**
 * Delivers notifications as WeChat Pay does (PROTOCOLS.md §2.3): POST the JSON to notify_url, done
 * on HTTP 200 or 204 (the status decides, not the body), otherwise again after
 * 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h (16 deliveries) with the same `id`, each
 * delivery signed afresh. The schedule is multiplied by a time scale; the 5 s answer time is WeChat's.
 */
import { CallbackDelivery, type Attempt } from '../delivery.ts';

export const RETRY_INTERVALS_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];
const DELIVERY_TIMEOUT_MS = 5_000;

export type Delivery = Attempt<{ id: string; eventType: string }>;

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

export class Notifier {
  readonly #delivery: CallbackDelivery<{ id: string; eventType: string }>;

  constructor(timeScale: number) {
    this.#delivery = new CallbackDelivery({
      schedule: RETRY_INTERVALS_S.map((seconds) => seconds * 1000),
      timeScale,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      // The status decides, not the body.
      isAck: (status) => status === 200 || status === 204,
      label: '[wechat sandbox] notifier',
    });
  }

  send(outgoing: Outgoing): void {
    this.#delivery.send({
      listing: outgoing.listing,
      url: outgoing.url,
      request: () => ({
        headers: { 'content-type': 'application/json', ...outgoing.headers() },
        body: outgoing.body,
        record: { id: outgoing.id, eventType: outgoing.eventType },
      }),
    });
  }

  deliveries(listing: string): Delivery[] {
    return this.#delivery.deliveries(listing);
  }

  close(): Promise<void> {
    return this.#delivery.close();
  }
}
