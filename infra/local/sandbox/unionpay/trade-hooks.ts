/**
 * The simulator hooks on one order, under /sandbox/trades/{orderId} (payee's payNo): read it, play
 * the buyer (pay), build notifications on demand, list deliveries. orderId is unique per merchant
 * only, so `?merId=` (or JSON `merId`) picks among several merchants' orders.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayState } from './gateway.ts';
import { HookError, jsonBody, sendJson } from '../http.ts';
import { formBody, NOTIFY_CONTENT_TYPE, paymentNotification } from './notification.ts';
import type { Notifier } from './notifier.ts';
import { OrderConflict, pay, type SandboxOrder } from './orders.ts';
import type { Signer } from './protocol.ts';

const PATH = /^\/sandbox\/trades\/([^/]+)(?:\/(pay|notifications|deliveries))?$/;

export const listing = (order: SandboxOrder): string => `${order.merId}/${order.orderId}`;

export function tradeHooks(state: GatewayState, notifier: Notifier, signer: Signer) {
  function findOrder(orderId: string, merId: unknown): SandboxOrder {
    if (merId !== undefined && merId !== null && typeof merId !== 'string') throw new HookError(400, 'merId must be a string');
    const found = state.orders.find((o) => o.orderId === orderId && (!merId || o.merId === merId));
    if (found.length === 0) throw new HookError(404, `no such order: ${orderId}`);
    if (found.length > 1) throw new HookError(409, `several merchants have order ${orderId}; name one with merId`);
    return found[0]!;
  }

  /** Sends the paid order's notification to its backUrl, with UnionPay's retries. */
  function notify(order: SandboxOrder): void {
    if (!order.backUrl) return;
    notifier.send({ listing: listing(order), txnType: '01', url: order.backUrl, body: formBody(paymentNotification(order, signer)) });
  }

  async function payHook(req: IncomingMessage, res: ServerResponse, orderId: string, url: URL): Promise<void> {
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const body = isJson ? await jsonBody(req, {}) : {};
    const order = findOrder(orderId, body.merId ?? url.searchParams.get('merId'));
    pay(order, new Date());
    notify(order);
    sendJson(res, 200, order);
  }

  /**
   * POST notifications {"status": "00", "send"?: true, "merId"?}: the signed payment notification,
   * returned (and sent unless send is false) so tests can deliver it themselves. An unpaid order is
   * paid first: UnionPay notifies payments only.
   */
  async function notificationHook(req: IncomingMessage, res: ServerResponse, orderId: string, url: URL): Promise<void> {
    const body = await jsonBody(req, {});
    const { status = '00', send = true } = body;
    if (status !== '00') throw new HookError(400, 'status must be "00" (respCode of a successful payment)');
    if (typeof send !== 'boolean') throw new HookError(400, 'send must be a boolean');
    const order = findOrder(orderId, body.merId ?? url.searchParams.get('merId'));
    if (order.status === 'UNPAID') pay(order, new Date());
    if (send) notify(order);
    sendJson(res, 200, {
      body: formBody(paymentNotification(order, signer)),
      headers: { 'content-type': NOTIFY_CONTENT_TYPE },
      url: order.backUrl ?? null,
      sent: send && order.backUrl !== undefined,
    });
  }

  /** Routes /sandbox/trades/...; false when the request is not one of these hooks. */
  return async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const action = match[2];
    try {
      const orderId = decodeURIComponent(match[1]!);
      const merId = url.searchParams.get('merId');
      if (req.method === 'GET' && action === undefined) sendJson(res, 200, findOrder(orderId, merId));
      else if (req.method === 'GET' && action === 'deliveries') sendJson(res, 200, notifier.deliveries(listing(findOrder(orderId, merId))));
      else if (req.method === 'POST' && action === 'pay') await payHook(req, res, orderId, url);
      else if (req.method === 'POST' && action === 'notifications') await notificationHook(req, res, orderId, url);
      else return false;
    } catch (error) {
      if (error instanceof OrderConflict) throw new HookError(409, error.message);
      if (error instanceof URIError) throw new HookError(400, 'orderId is not percent-encoded UTF-8');
      throw error;
    }
    return true;
  };
}
