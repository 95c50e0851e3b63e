/**
 * The simulator hooks on one trade, under /sandbox/trades/{out_trade_no}: read it, play the buyer
 * (pay), build notifications on demand, list deliveries. out_trade_no is unique per merchant only,
 * so `?mchid=` (or JSON `mchid`) picks among several merchants' trades.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookError, readBody, sendJson } from '../http.ts';
import type { Notifier, Outgoing } from './notifier.ts';
import { chinaTime, encryptResource, signatureHeaders } from './protocol.ts';
import { pay, TradeConflict, transactionJson, type SandboxMerchant, type SandboxTrade, type TradeStore } from './trades.ts';

/** WeChat hooks' JSON object body: an empty body is `{}`, an array is refused. */
export async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HookError(400, 'body must be a JSON object');
}

/** A TRANSACTION.SUCCESS notification (§2.3): one `id` and body for all its deliveries. */
function notification(trade: SandboxTrade, merchant: SandboxMerchant, now: Date): Omit<Outgoing, 'listing'> {
  const id = randomUUID();
  const body = JSON.stringify({
    id,
    create_time: chinaTime(now),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(transactionJson(trade)), merchant.apiV3Key, 'transaction', 'transaction'),
  });
  // A migrating merchant gets each delivery under either key at random (§2.2).
  const headers = () => {
    const key = merchant.platform[Math.floor(Math.random() * merchant.platform.length)]!;
    return signatureHeaders(body, key.serial, key.privateKey);
  };
  return { id, eventType: 'TRANSACTION.SUCCESS', url: trade.notifyUrl, body, headers };
}

const PATH = /^\/sandbox\/trades\/([^/]+)(?:\/(pay|notifications|deliveries))?$/;

export function tradeHooks(trades: TradeStore, merchants: Map<string, SandboxMerchant>, notifier: Notifier) {
  const listing = (trade: SandboxTrade) => `${trade.mchid}/${trade.outTradeNo}`;

  function findTrade(outTradeNo: string, mchid: unknown): SandboxTrade {
    const found = trades.find((t) => t.outTradeNo === outTradeNo && (!mchid || t.mchid === mchid));
    if (found.length === 0) throw new HookError(404, `no such trade: ${outTradeNo}`);
    if (found.length > 1) throw new HookError(409, `several merchants have trade ${outTradeNo}; name one with mchid`);
    return trades.refresh(found[0]!, new Date());
  }

  function made(trade: SandboxTrade): Outgoing {
    // A 服务商's trade is notified under the service provider's keys (its APIv3 key encrypts).
    return { ...notification(trade, merchants.get(trade.spMchid ?? trade.mchid)!, new Date()), listing: listing(trade) };
  }

  return async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const action = match[2];
    try {
      const outTradeNo = decodeURIComponent(match[1]!);
      if (req.method === 'GET' && action === undefined) sendJson(res, 200, findTrade(outTradeNo, url.searchParams.get('mchid')));
      else if (req.method === 'GET' && action === 'deliveries') sendJson(res, 200, notifier.deliveries(listing(findTrade(outTradeNo, url.searchParams.get('mchid')))));
      else if (req.method === 'POST' && action === 'pay') {
        const body = await jsonBody(req);
        const trade = findTrade(outTradeNo, body.mchid ?? url.searchParams.get('mchid'));
        pay(trade, new Date());
        notifier.send(made(trade));
        sendJson(res, 200, trade);
      } else if (req.method === 'POST' && action === 'notifications') {
        // {"status": "SUCCESS" | "TRANSACTION.SUCCESS", "send"?: true, "mchid"?}: pays an unpaid trade first.
        const body = await jsonBody(req);
        if (body.status !== 'SUCCESS' && body.status !== 'TRANSACTION.SUCCESS') throw new HookError(400, 'status must be SUCCESS');
        if (body.send !== undefined && typeof body.send !== 'boolean') throw new HookError(400, 'send must be a boolean');
        const trade = findTrade(outTradeNo, body.mchid ?? url.searchParams.get('mchid'));
        if (trade.state === 'NOTPAY') pay(trade, new Date());
        if (trade.state === 'CLOSED') throw new TradeConflict(`trade ${outTradeNo} is CLOSED, never paid`);
        const outgoing = made(trade);
        if (body.send !== false) notifier.send(outgoing);
        sendJson(res, 200, { id: outgoing.id, body: outgoing.body, headers: { 'Content-Type': 'application/json', ...outgoing.headers() }, url: outgoing.url });
      } else return false;
    } catch (error) {
      if (error instanceof TradeConflict) throw new HookError(409, error.message);
      if (error instanceof URIError) throw new HookError(400, 'out_trade_no is not percent-encoded UTF-8');
      throw error;
    }
    return true;
  };
}
