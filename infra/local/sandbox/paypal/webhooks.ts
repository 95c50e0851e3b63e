/**
 * Webhook events as PayPal sends them (PROTOCOLS.md §4.2), delivered with PayPal's retries: any
 * 2xx is success; otherwise again, 25 deliveries in all over about 3 days. PayPal does not publish
 * the intervals; these double from 1 min to 4 h, then every 4 h (68 h in all), multiplied by the
 * time scale. Every delivery is a new transmission: new transmission id, time and signature.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { captureJson, orderJson, type Merchant, type Order } from './orders.ts';
import { webhookHeaders } from './protocol.ts';

export const RETRY_INTERVALS_MS = Array.from({ length: 24 }, (_, i) => Math.min(2 ** i, 240) * 60_000);
const DELIVERY_TIMEOUT_MS = 15_000;
const REPLY_KEPT_CHARS = 1024;

export type EventType = 'CHECKOUT.ORDER.APPROVED' | 'PAYMENT.CAPTURE.COMPLETED';

export interface WebhookEvent {
  id: string;
  eventType: EventType;
  body: string;
}

/** The event's JSON, fixed once: every retry carries the same bytes and event id. */
export function webhookEvent(eventType: EventType, order: Order, merchant: Merchant, base: string, now: Date): WebhookEvent {
  const id = `WH-${randomBytes(12).toString('hex').toUpperCase()}`;
  const approved = eventType === 'CHECKOUT.ORDER.APPROVED';
  const resource = approved ? orderJson(order, merchant, base) : captureJson(order, order.capture!, base);
  const event = {
    id,
    event_version: '1.0',
    create_time: now.toISOString(),
    resource_type: approved ? 'checkout-order' : 'capture',
    resource_version: '2.0',
    event_type: eventType,
    summary: approved ? 'An order has been approved by buyer' : `Payment completed for ${order.amount.value} ${order.amount.currency_code}`,
    resource,
    links: [
      { href: `${base}/v1/notifications/webhooks-events/${id}`, rel: 'self', method: 'GET' },
      { href: `${base}/v1/notifications/webhooks-events/${id}/resend`, rel: 'resend', method: 'POST' },
    ],
  };
  return { id, eventType, body: JSON.stringify(event) };
}

export interface Delivery {
  eventId: string;
  eventType: string;
  transmissionId: string;
  attempt: number;
  at: string;
  status?: number;
  body?: string;
  error?: string;
}

export interface Signer {
  key: KeyObject;
  certUrl: string;
  /** True when this transmission must carry a bad signature (the badsign fault). */
  corrupt(clientId: string): boolean;
}

export interface Outgoing {
  event: WebhookEvent;
  merchant: Merchant;
  url: string;
  /** The deliveries listing it is recorded in (one per order). */
  listing: string;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

export class WebhookNotifier {
  readonly #timeScale: number;
  readonly #signer: Signer;
  readonly #listings = new Map<string, Delivery[]>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<AbortController>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;

  constructor(timeScale: number, signer: Signer) {
    this.#timeScale = timeScale;
    this.#signer = signer;
  }

  /** The headers of one new transmission of the event, signed now. */
  headers(outgoing: Pick<Outgoing, 'event' | 'merchant'>, now: Date): Record<string, string> {
    const { key, certUrl, corrupt } = this.#signer;
    return webhookHeaders(outgoing.event.body, outgoing.merchant.webhookId, certUrl, key, now, corrupt(outgoing.merchant.clientId));
  }

  send(outgoing: Outgoing): void {
    this.#attempt(outgoing, 1);
  }

  deliveries(listing: string): Delivery[] {
    return (this.#listings.get(listing) ?? []).map((d) => ({ ...d }));
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
      .catch((error: unknown) => console.error('[paypal sandbox] webhooks', error));
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** One transmission; true on any 2xx. Never rejects. */
  async #deliver(outgoing: Outgoing, attempt: number): Promise<boolean> {
    const at = new Date();
    const headers = this.headers(outgoing, at);
    const delivery: Delivery = {
      eventId: outgoing.event.id,
      eventType: outgoing.event.eventType,
      transmissionId: headers['paypal-transmission-id']!,
      attempt,
      at: at.toISOString(),
    };
    const listing = this.#listings.get(outgoing.listing) ?? [];
    this.#listings.set(outgoing.listing, listing);
    listing.push(delivery);

    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error(`no reply within ${DELIVERY_TIMEOUT_MS / 1000} s`)), DELIVERY_TIMEOUT_MS);
    this.#inFlight.add(controller);
    try {
      const response = await fetch(outgoing.url, { method: 'POST', headers, body: outgoing.event.body, redirect: 'manual', signal: controller.signal });
      const reply = await response.text();
      delivery.status = response.status;
      delivery.body = reply.slice(0, REPLY_KEPT_CHARS);
      return response.status >= 200 && response.status < 300;
    } catch (error) {
      delivery.error = describe(error);
      return false;
    } finally {
      clearTimeout(timeout);
      this.#inFlight.delete(controller);
    }
  }
}
