/**
 * A local WeChat Pay API v3 server (node:http) playing api.mch.weixin.qq.com with its own platform
 * keys and WeChat's real crypto (PROTOCOLS.md §2). WeChat's own paths:
 *   POST /v3/pay/transactions/{native|jsapi|h5|app}, GET /v3/pay/transactions/out-trade-no/{no}?mchid=,
 *   POST /v3/pay/transactions/out-trade-no/{no}/close, POST /v3/refund/domestic/refunds,
 *   GET /v3/refund/domestic/refunds/{out_refund_no}; GET /h5pay (where an h5_url leads).
 * Every /v3 request must carry a valid merchant Authorization (§2.1); every answer is signed (§2.2).
 * Simulator-only hooks:
 *   POST /sandbox/merchants {"mode"?: "publicKey"|"certificate"|"migration"} → {"payeeConfig": {...}, "mchid"}
 *   POST /sandbox/merchants {"partner": true, "spMchid"?, "mode"?} → {"payeeConfig": {mode: "partner", ...}, "mchid", "subMchid"}
 *        a 服务商 (a new one, or the registered spMchid) and a new sub-merchant of it: the partner
 *        APIs /v3/pay/partner/transactions/… (api.ts); notifications under the 服务商's keys
 *   GET  /sandbox/trades/{out_trade_no}[?mchid=]            the trade as JSON
 *   POST /sandbox/trades/{out_trade_no}/pay [{"mchid"?}]     the buyer pays; WeChat notifies TRANSACTION.SUCCESS
 *   POST /sandbox/trades/{out_trade_no}/notifications {"status": "SUCCESS", "send"?, "mchid"?} → {id, body, headers, url}
 *   GET  /sandbox/trades/{out_trade_no}/deliveries[?mchid=]  every delivery attempt and its answer
 *   POST /sandbox/faults {"mode": "timeout"|"http500"|"badsign", "count": N, "merchant"?: mchid}
 *   GET /connect/qrconnect, /connect/confirm, /sns/oauth2/access_token, POST /sandbox/oauth-apps: website login (oauth.ts)
 *   GET /v3/bill/tradebill, GET /v3/billdownload/file, POST /sandbox/statements/plant: trade bills (bill.ts)
 *   /sandbox/refund-plan, /sandbox/refunds/{out_refund_no}[/notifications]: refunds.ts
 *   /v3/combine-transactions/…, /sandbox/combine-transactions/{no}[/pay|/deliveries]: combine transactions (combine.ts)
 */
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { api, type ApiState } from './api.ts';
import { notifyTimeScale } from '../delivery.ts';
import { HookError, listen, readBody, sendJson } from '../http.ts';
import { billDownload, plantRoute, WechatBills } from './bill.ts';
import { jsonBody, tradeHooks } from './hooks.ts';
import { combineHooks } from './combine.ts';
import { platformKeys } from './keys.ts';
import { Notifier } from './notifier.ts';
import { oauthRoutes } from './oauth.ts';
import { refundOutcomes } from './refunds.ts';
import { parseAuthorization, signatureHeaders, verifyRequest } from './protocol.ts';
import { TradeStore, type SandboxMerchant } from './trades.ts';

export interface WechatSandboxOptions {
  port?: number;
  host?: string;
  /** Keep the platform key pairs here as PEM files (created when absent). */
  keyDir?: string;
  /** Multiplies WeChat's retry intervals (15 s … 6 h). Default 1/240, or PAYEE_SANDBOX_TIME_SCALE. */
  notifyTimeScale?: number;
}

const FAULT_MODES = ['timeout', 'http500', 'badsign'] as const;
type FaultMode = (typeof FAULT_MODES)[number];
const MODES = ['publicKey', 'certificate', 'migration'] as const;

export async function startWechatSandbox(options: WechatSandboxOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const keys = await platformKeys(options.keyDir);
  const merchants = new Map<string, SandboxMerchant>();
  const faults = new Map<string, { mode: FaultMode; remaining: number }>();
  const notifier = new Notifier(notifyTimeScale(options.notifyTimeScale));
  const trades = new TradeStore();
  const refunds = refundOutcomes(trades, merchants, notifier);
  const state: ApiState = { trades, baseUrl: '', refundPlans: refunds.plans, onRefund: refunds.onRefund, bills: new WechatBills() };
  const tradeHook = tradeHooks(state.trades, merchants, notifier);
  const combineHook = combineHooks(state, merchants, notifier);

  function takeFault(mchid: string | undefined): FaultMode | undefined {
    const fault = (mchid && faults.get(mchid)) || faults.get('*');
    if (!fault || fault.remaining <= 0) return undefined;
    fault.remaining--;
    return fault.mode;
  }

  /** A signed WeChat answer; `corrupt` breaks the signature (the badsign fault). */
  function answer(res: ServerResponse, merchant: SandboxMerchant | undefined, status: number, json: unknown, corrupt = false): void {
    const body = json === undefined ? '' : JSON.stringify(json);
    const key = merchant?.platform[0];
    const headers = key ? signatureHeaders(body, key.serial, key.privateKey, corrupt) : {};
    res.writeHead(status, { ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...headers, 'Request-ID': randomBytes(16).toString('hex') }).end(body);
  }

  async function v3(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const auth = parseAuthorization(req.headers.authorization);
    const merchant = auth && merchants.get(auth.mchid);
    const mode = takeFault(auth?.mchid);
    if (mode === 'http500') return answer(res, undefined, 500, { code: 'SYSTEM_ERROR', message: '系统错误' });
    if (!auth || !merchant) return answer(res, undefined, 401, { code: 'SIGN_ERROR', message: 'Authorization 缺失或商户号未注册' });
    // The request must be signed with the registered key and within 5 minutes (§2.1).
    const skew = Math.abs(Date.now() / 1000 - Number(auth.timestamp));
    if (auth.serial.toUpperCase() !== merchant.serial || !(skew <= 300) || !verifyRequest(auth, req.method ?? '', req.url ?? '', body, merchant.publicKey)) {
      return answer(res, merchant, 401, { code: 'SIGN_ERROR', message: '签名错误' });
    }
    if (mode !== 'timeout' && billDownload(state, req, res, url)) return;
    const reply = api(state, merchant, req.method ?? '', url, body) ?? { status: 404, json: { code: 'NOT_FOUND', message: '接口不存在' } };
    // The request took effect but no answer comes: the client cannot know the outcome.
    if (mode === 'timeout') return;
    answer(res, merchant, reply.status, reply.json, mode === 'badsign');
  }

  /** A 服务商's new sub-merchant, with the partner pay config payee needs for it. */
  function subMerchant(res: ServerResponse, sp: SandboxMerchant): void {
    const sub = { subMchid: `16${String(randomInt(0, 1e8)).padStart(8, '0')}`, subAppid: `wx${randomBytes(8).toString('hex')}` };
    sp.partner!.subs.set(sub.subMchid, sub);
    sendJson(res, 200, {
      mchid: sp.mchid,
      subMchid: sub.subMchid,
      payeeConfig: {
        mode: 'partner',
        spMchid: sp.mchid,
        spAppid: sp.appid,
        subMchid: sub.subMchid,
        subAppid: sub.subAppid,
        privateKey: sp.partner!.privateKeyPem,
        merchantSerial: sp.serial,
        apiV3Key: sp.apiV3Key,
        platformKeys: Object.fromEntries(sp.platform.map((key) => [key.serial, key.publicKeyPem])),
        baseUrl: state.baseUrl,
      },
    });
  }

  /** A new merchant with its API key pair, APIv3 key and the platform keys of the chosen mode (§2.2); or a 服务商's sub-merchant. */
  async function merchantHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { mode = 'publicKey', partner, spMchid } = await jsonBody(req);
    if (!MODES.includes(mode as (typeof MODES)[number])) throw new HookError(400, `mode: ${MODES.join('|')}`);
    if (partner !== undefined && typeof partner !== 'boolean') throw new HookError(400, 'partner must be a boolean');
    if (spMchid !== undefined) {
      const sp = typeof spMchid === 'string' ? merchants.get(spMchid) : undefined;
      if (!partner || !sp?.partner) throw new HookError(400, 'spMchid names a registered 服务商 (with partner: true)');
      return subMerchant(res, sp);
    }
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const platform = mode === 'publicKey' ? [keys.publicKey] : mode === 'certificate' ? [keys.certificate] : [keys.certificate, keys.publicKey];
    const merchant: SandboxMerchant = {
      mchid: `16${String(randomInt(0, 1e8)).padStart(8, '0')}`,
      appid: `wx${randomBytes(8).toString('hex')}`,
      serial: randomBytes(20).toString('hex').toUpperCase(),
      publicKey: pair.publicKey,
      apiV3Key: randomBytes(24).toString('base64url').slice(0, 32),
      platform,
    };
    merchants.set(merchant.mchid, merchant);
    if (partner) {
      merchant.partner = { subs: new Map(), privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
      return subMerchant(res, merchant);
    }
    sendJson(res, 200, {
      mchid: merchant.mchid,
      payeeConfig: {
        mchid: merchant.mchid,
        appid: merchant.appid,
        privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        merchantSerial: merchant.serial,
        apiV3Key: merchant.apiV3Key,
        platformKeys: Object.fromEntries(platform.map((key) => [key.serial, key.publicKeyPem])),
        baseUrl: state.baseUrl,
      },
    });
  }

  async function faultHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { mode, count, merchant } = await jsonBody(req);
    if (!FAULT_MODES.includes(mode as FaultMode) || !Number.isSafeInteger(count) || (count as number) < 0 || (merchant !== undefined && typeof merchant !== 'string')) {
      throw new HookError(400, `mode: ${FAULT_MODES.join('|')}, count: integer >= 0, merchant?: mchid`);
    }
    faults.set((merchant as string | undefined) ?? '*', { mode: mode as FaultMode, remaining: count as number });
    res.writeHead(204).end();
  }

  /** What an h5_url opens: a page naming the trade (the buyer pays through the /pay hook). */
  function h5Page(res: ServerResponse, url: URL): void {
    const trade = state.trades.get(url.searchParams.get('mchid') ?? '', url.searchParams.get('out_trade_no') ?? '');
    if (!trade) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such trade');
    const text = `${trade.description} ¥${(trade.total / 100).toFixed(2)} ${trade.outTradeNo} ${trade.state}`.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'));
    res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(`<!doctype html><title>微信支付 (sandbox)</title><p>${text}</p>`);
  }

  const oauth = oauthRoutes();

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', state.baseUrl);
    if (url.pathname.startsWith('/v3/')) return v3(req, res, url);
    if (req.method === 'GET' && url.pathname === '/h5pay') return h5Page(res, url);
    if (await oauth(req, res, url)) return;
    if (await tradeHook(req, res, url)) return;
    if (await combineHook(req, res, url)) return;
    if (await plantRoute(state, req, res, url)) return;
    if (await refunds.route(req, res, url)) return;
    if (req.method === 'POST' && url.pathname === '/sandbox/merchants') return merchantHook(req, res);
    if (req.method === 'POST' && url.pathname === '/sandbox/faults') return faultHook(req, res);
    sendJson(res, 404, { error: 'not found' });
  }

  const server = await listen({ name: 'wechat', port: options.port, host: options.host, route, internalError: (res) => sendJson(res, 500, { error: 'sandbox error' }) });
  state.baseUrl = server.baseUrl;

  return {
    url: state.baseUrl,
    close: async () => {
      refunds.close();
      await notifier.close();
      await server.close();
    },
  };
}
