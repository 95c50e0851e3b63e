/**
 * Webhook events as PayPal sends them (PROTOCOLS.md §4.2), delivered with PayPal's retries: any
 * 2xx is success; otherwise again, 25 deliveries in all over about 3 days. PayPal does not publish
 * the intervals; these double from 1 min to 4 h, then every 4 h (68 h in all), multiplied by the
 * time scale. Every delivery is a new transmission: new transmission id, time and signature.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { CallbackDelivery, type Attempt } from '../delivery.ts';
import { captureJson, orderJson, orderTotal, refundJson, type Merchant, type Order, type PurchaseUnit, type Refund } from './orders.ts';
import { webhookHeaders } from './protocol.ts';

export const RETRY_INTERVALS_MS = Array.from({ length: 24 }, (_, i) => Math.min(2 ** i, 240) * 60_000);
const DELIVERY_TIMEOUT_MS = 15_000;

export type EventType = 'CHECKOUT.ORDER.APPROVED' | 'PAYMENT.CAPTURE.COMPLETED' | 'PAYMENT.CAPTURE.REFUNDED';

export interface WebhookEvent {
  id: string;
  eventType: EventType;
  body: string;
}

/**
 * The event's JSON, fixed once: every retry carries the same bytes and event id.
 * CHECKOUT.ORDER.APPROVED carries the order; PAYMENT.CAPTURE.COMPLETED one unit's capture (`unit`
 * naming which: an order of several units sends one per capture); PAYMENT.CAPTURE.REFUNDED the
 * refund (resource_type refund), `refund` naming which.
 */
export function webhookEvent(eventType: EventType, order: Order, merchant: Merchant, base: string, now: Date, about: { unit?: PurchaseUnit; refund?: Refund } = {}): WebhookEvent {
  const id = `WH-${randomBytes(12).toString('hex').toUpperCase()}`;
  const approved = eventType === 'CHECKOUT.ORDER.APPROVED';
  const { refund } = about;
  const unit = about.unit ?? order.units[0]!;
  const total = orderTotal(order);
  const resource = approved ? orderJson(order, merchant, base) : refund ? refundJson(refund, base) : captureJson(order, unit, unit.capture!, base);
  const event = {
    id,
    event_version: '1.0',
    create_time: now.toISOString(),
    resource_type: approved ? 'checkout-order' : refund ? 'refund' : 'capture',
    resource_version: '2.0',
    event_type: eventType,
    summary: approved
      ? 'An order has been approved by buyer'
      : refund
        ? `A ${refund.amount.value} ${refund.amount.currency_code} capture payment was refunded`
        : `Payment completed for ${unit.capture?.amount.value ?? total.value} ${total.currency_code}`,
    resource,
    links: [
      { href: `${base}/v1/notifications/webhooks-events/${id}`, rel: 'self', method: 'GET' },
      { href: `${base}/v1/notifications/webhooks-events/${id}/resend`, rel: 'resend', method: 'POST' },
    ],
  };
  return { id, eventType, body: JSON.stringify(event) };
}

interface Recorded {
  eventId: string;
  eventType: string;
  transmissionId: string;
}

export type Delivery = Attempt<Recorded>;

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

export class WebhookNotifier {
  readonly #signer: Signer;
  readonly #delivery: CallbackDelivery<Recorded>;

  constructor(timeScale: number, signer: Signer) {
    this.#signer = signer;
    this.#delivery = new CallbackDelivery({
      schedule: RETRY_INTERVALS_MS,
      timeScale,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      // Any 2xx.
      isAck: (status) => status >= 200 && status < 300,
      label: '[paypal sandbox] webhooks',
    });
  }

  /** The headers of one new transmission of the event, signed now. */
  headers(outgoing: Pick<Outgoing, 'event' | 'merchant'>, now: Date): Record<string, string> {
    const { key, certUrl, corrupt } = this.#signer;
    return webhookHeaders(outgoing.event.body, outgoing.merchant.webhookId, certUrl, key, now, corrupt(outgoing.merchant.clientId));
  }

  send(outgoing: Outgoing): void {
    this.#delivery.send({
      listing: outgoing.listing,
      url: outgoing.url,
      request: (now) => {
        const headers = this.headers(outgoing, now);
        const record = { eventId: outgoing.event.id, eventType: outgoing.event.eventType, transmissionId: headers['paypal-transmission-id']! };
        return { headers, body: outgoing.event.body, record };
      },
    });
  }

  deliveries(listing: string): Delivery[] {
    return this.#delivery.deliveries(listing);
  }

  close(): Promise<void> {
    return this.#delivery.close();
  }
}
