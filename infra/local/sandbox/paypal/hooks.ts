/**
 * The simulator hooks on one order, under /sandbox/trades/{payNo} (payNo = a purchase unit's
 * custom_id): read it, play the buyer (pay = approve the whole order, every unit of it in one
 * step), build webhooks on demand, list webhook deliveries.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookError, jsonBody, sendJson } from '../http.ts';
import type { ApiState } from './api.ts';
import { approve, capture, orderJson, OrderConflict, type Order, type PurchaseUnit } from './orders.ts';
import { webhookEvent, type EventType, type WebhookNotifier } from './webhooks.ts';

const PATH = /^\/sandbox\/trades\/([^/]+)(?:\/(pay|notifications|deliveries))?$/;
/** The `status` a notifications request names: the order status word, or the event type itself. */
const EVENT_TYPES: Record<string, EventType> = {
  APPROVED: 'CHECKOUT.ORDER.APPROVED',
  'CHECKOUT.ORDER.APPROVED': 'CHECKOUT.ORDER.APPROVED',
  COMPLETED: 'PAYMENT.CAPTURE.COMPLETED',
  'PAYMENT.CAPTURE.COMPLETED': 'PAYMENT.CAPTURE.COMPLETED',
};

export const listing = (order: Order) => `${order.clientId}/${order.id}`;

export function tradeHooks(state: ApiState, notifier: WebhookNotifier) {
  function findOrder(payNo: string): { order: Order; unit: PurchaseUnit } {
    const found = [...state.orders.values()].flatMap((order) => order.units.filter((u) => u.payNo === payNo).map((unit) => ({ order, unit })));
    if (found.length === 0) throw new HookError(404, `no such trade: ${payNo}`);
    if (found.length > 1) throw new HookError(409, `several orders have custom_id ${payNo}`);
    return found[0]!;
  }

  const merchantOf = (order: Order) => state.merchants.get(order.clientId)!;
  const tradeJson = (order: Order, payNo: string) => ({ payNo, clientId: order.clientId, ...orderJson(order, merchantOf(order), state.base) });

  /** Sends as PayPal does: to the app's webhook URL, when it has one. A capture event is one unit's (the first, unless named). */
  function deliver(order: Order, eventType: EventType, unit?: PurchaseUnit, now = new Date()): boolean {
    const merchant = merchantOf(order);
    if (!merchant.webhookUrl) return false;
    notifier.send({ event: webhookEvent(eventType, order, merchant, state.base, now, { unit }), merchant, url: merchant.webhookUrl, listing: listing(order) });
    return true;
  }

  /** The order was captured: one PAYMENT.CAPTURE.COMPLETED per capture, each carrying its unit's custom_id and invoice_id. */
  function captured(order: Order): void {
    for (const unit of order.units) deliver(order, 'PAYMENT.CAPTURE.COMPLETED', unit);
  }

  /** The buyer approves the order on PayPal; PayPal sends CHECKOUT.ORDER.APPROVED. */
  function buyerApproves(order: Order): void {
    approve(order, new Date());
    deliver(order, 'CHECKOUT.ORDER.APPROVED');
  }

  /**
   * POST notifications {"status", "send"?: true}: one event and the headers of one signed
   * transmission, sent unless send is false. The order is first brought to where the event can
   * be true: approved, and captured for COMPLETED.
   */
  async function notification(req: IncomingMessage, res: ServerResponse, order: Order, unit: PurchaseUnit): Promise<void> {
    const { status, send = true } = await jsonBody(req);
    const eventType = typeof status === 'string' ? EVENT_TYPES[status] : undefined;
    if (!eventType) throw new HookError(400, `status must be one of ${Object.keys(EVENT_TYPES).join(', ')}`);
    if (typeof send !== 'boolean') throw new HookError(400, 'send must be a boolean');
    const now = new Date();
    if (order.status === 'CREATED') approve(order, now);
    if (eventType === 'PAYMENT.CAPTURE.COMPLETED' && !unit.capture) capture(order, now);
    const merchant = merchantOf(order);
    const event = webhookEvent(eventType, order, merchant, state.base, now, { unit });
    const sent = send && !!merchant.webhookUrl;
    if (sent) notifier.send({ event, merchant, url: merchant.webhookUrl!, listing: listing(order) });
    sendJson(res, 200, { eventId: event.id, body: event.body, headers: notifier.headers({ event, merchant }, now), url: merchant.webhookUrl ?? null, sent });
  }

  return {
    deliver,
    captured,
    buyerApproves,
    /** Routes /sandbox/trades/...; false when the request is not one of these hooks. */
    async route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      const match = PATH.exec(url.pathname);
      if (!match) return false;
      const action = match[2];
      try {
        const payNo = decodeURIComponent(match[1]!);
        const { order, unit } = findOrder(payNo);
        if (req.method === 'GET' && action === undefined) sendJson(res, 200, tradeJson(order, payNo));
        else if (req.method === 'GET' && action === 'deliveries') sendJson(res, 200, notifier.deliveries(listing(order)));
        else if (req.method === 'POST' && action === 'pay') {
          buyerApproves(order);
          sendJson(res, 200, tradeJson(order, payNo));
        } else if (req.method === 'POST' && action === 'notifications') await notification(req, res, order, unit);
        else return false;
      } catch (error) {
        if (error instanceof OrderConflict) throw new HookError(409, error.message);
        if (error instanceof URIError) throw new HookError(400, 'payNo is not percent-encoded UTF-8');
        throw error;
      }
      return true;
    },
  };
}
