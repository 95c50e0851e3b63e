/**
 * The simulator hooks on one trade, under /sandbox/trades/{out_trade_no}: read it, play the buyer
 * (pay, finish), build notifications on demand, list notify deliveries. out_trade_no is unique per
 * seller only, so a seller id (`?seller_id=` or JSON `sellerId`) picks among several sellers' trades.
 * Under /sandbox/merges/{pre_order_no}: read a merge pay order, and the buyer pays it whole.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { GatewayState } from './gateway.ts';
import { HookError, jsonBody, sendJson } from '../http.ts';
import { NOTIFY_CONTENT_TYPE, newNotifyId, notifyBody, type Notification } from './notification.ts';
import { payMerge } from './merge.ts';
import type { Notifier } from './notifier.ts';
import { finish, pay, settle, TradeConflict, type NotifiedStatus, type SandboxTrade } from './trades.ts';

const PATH = /^\/sandbox\/trades\/([^/]+)(?:\/(pay|finish|notifications|deliveries))?$/;
const MERGE_PATH = /^\/sandbox\/merges\/([^/]+)(\/pay)?$/;
const NOTIFIED: readonly string[] = ['TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED'] satisfies NotifiedStatus[];

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || (typeof value === 'string' && value !== '')) return value;
  throw new HookError(400, `${name} must be a non-empty string`);
}

const listing = (trade: SandboxTrade) => `${trade.sellerId}/${trade.outTradeNo}`;

export type Deliver = (trade: SandboxTrade, notification: Notification) => boolean;

/** Sends as Alipay would: only trades created with a notify_url are notified. */
export function deliverer(notifier: Notifier, alipayKey: KeyObject): Deliver {
  return (trade, notification) => {
    if (!trade.notifyUrl) return false;
    notifier.send({ ...notification, listing: listing(trade), url: trade.notifyUrl, body: (now) => notifyBody(trade, notification, now, alipayKey) });
    return true;
  };
}

export function tradeHooks(state: GatewayState, notifier: Notifier, alipayKey: KeyObject, deliver: Deliver) {
  function findTrade(outTradeNo: string, sellerId: string | null | undefined): SandboxTrade {
    const found = state.trades.find((t) => t.outTradeNo === outTradeNo && (!sellerId || t.sellerId === sellerId));
    if (found.length === 0) throw new HookError(404, `no such trade: ${outTradeNo}`);
    if (found.length > 1) throw new HookError(409, `several sellers have trade ${outTradeNo}; name one with seller_id`);
    return found[0]!;
  }

  /** POST pay / finish: the trade moves on and Alipay notifies the new status (a new notify_id). */
  async function act(req: IncomingMessage, res: ServerResponse, outTradeNo: string, action: 'pay' | 'finish'): Promise<void> {
    const body = await jsonBody(req, {});
    const now = new Date();
    const trade = state.trades.refresh(findTrade(outTradeNo, optionalString(body, 'sellerId')), now);
    if (action === 'pay') pay(trade, now);
    else finish(trade, now);
    deliver(trade, { notifyId: newNotifyId(now), tradeStatus: action === 'pay' ? 'TRADE_SUCCESS' : 'TRADE_FINISHED' });
    sendJson(res, 200, trade);
  }

  /**
   * POST notifications {"tradeStatus", "send"?: true, "notifyId"?, "sellerId"?}: one signed notify,
   * returned (and sent unless send is false) so tests can deliver it themselves: duplicates,
   * reordering. The trade is first brought to where the status can be true (trades.ts settle).
   */
  async function notification(req: IncomingMessage, res: ServerResponse, outTradeNo: string): Promise<void> {
    const body = await jsonBody(req);
    const { tradeStatus, send = true } = body;
    if (typeof tradeStatus !== 'string' || !NOTIFIED.includes(tradeStatus)) throw new HookError(400, `tradeStatus must be one of ${NOTIFIED.join(', ')}`);
    if (typeof send !== 'boolean') throw new HookError(400, 'send must be a boolean');
    const notifyId = optionalString(body, 'notifyId');
    const now = new Date();
    const trade = state.trades.refresh(findTrade(outTradeNo, optionalString(body, 'sellerId')), now);
    settle(trade, tradeStatus as NotifiedStatus, now);
    const made: Notification = { notifyId: notifyId ?? newNotifyId(now), tradeStatus: tradeStatus as NotifiedStatus };
    sendJson(res, 200, {
      notifyId: made.notifyId,
      body: notifyBody(trade, made, now, alipayKey),
      contentType: NOTIFY_CONTENT_TYPE,
      notifyUrl: trade.notifyUrl ?? null,
      sent: send && deliver(trade, made),
    });
  }

  /**
   * GET /sandbox/merges/{pre_order_no}: the merge and its sub-orders; POST …/pay: the buyer pays the
   * whole merge in one step and Alipay notifies each sub-order's TRADE_SUCCESS on its own.
   */
  function merge(req: IncomingMessage, res: ServerResponse, preOrderNo: string, paying: boolean): boolean {
    const found = state.merges.get(preOrderNo);
    if (!found) throw new HookError(404, `no such merge: ${preOrderNo}`);
    if (req.method === 'GET' && !paying) sendJson(res, 200, found);
    else if (req.method === 'POST' && paying) {
      const now = new Date();
      for (const trade of payMerge(state.trades, found, now)) deliver(trade, { notifyId: newNotifyId(now), tradeStatus: 'TRADE_SUCCESS' });
      sendJson(res, 200, found);
    } else return false;
    return true;
  }

  /** Routes /sandbox/trades/... and /sandbox/merges/...; false when the request is not one of these hooks. */
  return async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const merged = MERGE_PATH.exec(url.pathname);
    if (merged) {
      try {
        return merge(req, res, decodeURIComponent(merged[1]!), merged[2] !== undefined);
      } catch (error) {
        if (error instanceof TradeConflict) throw new HookError(409, error.message);
        if (error instanceof URIError) throw new HookError(400, 'pre_order_no is not percent-encoded UTF-8');
        throw error;
      }
    }
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const action = match[2];
    try {
      const outTradeNo = decodeURIComponent(match[1]!);
      if (req.method === 'GET' && action === undefined) sendJson(res, 200, findTrade(outTradeNo, url.searchParams.get('seller_id')));
      else if (req.method === 'GET' && action === 'deliveries') {
        sendJson(res, 200, notifier.deliveries(listing(findTrade(outTradeNo, url.searchParams.get('seller_id')))));
      } else if (req.method === 'POST' && (action === 'pay' || action === 'finish')) await act(req, res, outTradeNo, action);
      else if (req.method === 'POST' && action === 'notifications') await notification(req, res, outTradeNo);
      else return false;
    } catch (error) {
      if (error instanceof TradeConflict) throw new HookError(409, error.message);
      if (error instanceof URIError) throw new HookError(400, 'out_trade_no is not percent-encoded UTF-8');
      throw error;
    }
    return true;
  };
}
