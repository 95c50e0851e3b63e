/**
 * A local Alipay OpenAPI 2.0 gateway (node:http) with its own key pair and Alipay's real crypto.
 * Alipay's own paths: `/gateway.do` (GET or POST) and `/qr/{code}` (what a QR code opens).
 * Simulator-only hooks live under `/sandbox/`:
 *   POST /sandbox/apps {"appId", "appPublicKeyPem", "sellerId"?}   registerApp over HTTP
 *   POST /sandbox/app-auth-tokens {"appId", "sellerId"?, "authAppId"?} → {appAuthToken, sellerId, authAppId}
 *        a sub-merchant authorises the registered ISV app appId (authoriseApp over HTTP): calls with
 *        that app_auth_token are the sub-merchant's (its seller_id; notifies name auth_app_id)
 *   GET  /sandbox/trades/{out_trade_no}[?seller_id=]   the trade as JSON
 *   POST /sandbox/trades/{out_trade_no}/pay [{"sellerId"?}]   the buyer pays; Alipay notifies TRADE_SUCCESS
 *   POST /sandbox/trades/{out_trade_no}/finish [{"sellerId"?}]   TRADE_SUCCESS → TRADE_FINISHED, notified
 *   POST /sandbox/trades/{out_trade_no}/notifications {"tradeStatus", "send"?, "notifyId"?, "sellerId"?}
 *        one signed notify as JSON {notifyId, body, contentType, notifyUrl, sent}; send: false only builds it
 *   GET  /sandbox/trades/{out_trade_no}/deliveries[?seller_id=]   every notify delivery attempt and its answer
 *   GET  /sandbox/merges/{pre_order_no}   a merge pay order and its sub-orders as JSON
 *   POST /sandbox/merges/{pre_order_no}/pay   the buyer pays the whole merge; each sub-order notifies TRADE_SUCCESS
 *   Gateway methods: alipay.trade.precreate, .query, .page.pay, .wap.pay, .close, .refund, .fastpay.refund.query,
 *        merge pay: alipay.trade.merge.precreate, .wap.merge.pay, .app.merge.pay, .page.merge.pay (merge.ts);
 *        close and a full refund notify TRADE_CLOSED; a closed trade cannot be paid (the pay hook answers 409).
 *   alipay.data.dataservice.bill.downloadurl.query and GET /downloadBillFile.resource: trade bills (bill.ts);
 *   POST /sandbox/statements/plant {"appId"?, "outTradeNo", "amount"?, "status"?}: a difference in the bills (bill.ts).
 *   POST /sandbox/faults {"mode": "timeout"|"http500"|"code20000"|"badsign", "count": N, "appId"?: only this app's calls}
 *        the next N gateway.do calls fail that way (count 0 clears).
 */
import { createPrivateKey, createPublicKey, randomBytes, randomInt, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AlipayBills, billRoutes } from './bill.ts';
import { cashierHtml, errorHtml } from './cashier.ts';
import { buyerArrives, handle, responseKey, type GatewayReply, type GatewayState } from './gateway.ts';
import { authorizeRoute } from './oauth.ts';
import { notifyTimeScale } from '../delivery.ts';
import { jsonBody, listen, readBody, send } from '../http.ts';
import { sandboxKeys } from './keys.ts';
import { Notifier } from './notifier.ts';
import { envelope } from './protocol.ts';
import { deliverer, tradeHooks } from './trade-hooks.ts';
import { TradeStore, type SandboxTrade } from './trades.ts';

export type { SandboxTrade } from './trades.ts';

export interface AlipaySandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Keep the sandbox's key pair here as PEM files (created when absent). */
  keyDir?: string;
  /**
   * Multiplies Alipay's notify retry intervals (4m, 10m, 10m, 1h, 2h, 6h, 15h). Default 1/240,
   * or PAYEE_SANDBOX_TIME_SCALE when set; 1 is Alipay's real schedule.
   */
  notifyTimeScale?: number;
}

export interface AlipaySandbox {
  url: string;
  gatewayUrl: string;
  /** What merchants configure as `alipayPublicKey`. */
  alipayPublicKeyPem: string;
  /** For tests that must sign as Alipay. */
  alipayPrivateKeyPem: string;
  registerApp(app: { appId: string; appPublicKeyPem: string; sellerId?: string }): void;
  /** A sub-merchant authorises the ISV app `appId`: its app_auth_token. */
  authoriseApp(grant: { appId: string; sellerId?: string; authAppId?: string }): { appAuthToken: string; sellerId: string; authAppId: string };
  trades(): SandboxTrade[];
  close(): Promise<void>;
}

const FAULT_MODES = ['timeout', 'http500', 'code20000', 'badsign'] as const;
type FaultMode = (typeof FAULT_MODES)[number];

/** Gateway parameters: the URL query plus a form-encoded body, as alipay-sdk `formatUrl` splits them. */
async function gatewayParams(req: IncomingMessage, url: URL): Promise<Record<string, string>> {
  const form = req.method === 'POST' && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
  const body = form ? new URLSearchParams(await readBody(req)) : [];
  // One fromEntries (own properties; Object.assign would set a `__proto__` field as the prototype).
  return Object.fromEntries([...url.searchParams, ...body]);
}

export async function startAlipaySandbox(options: AlipaySandboxOptions = {}): Promise<AlipaySandbox> {
  const keys = await sandboxKeys(options.keyDir);
  const privateKey: KeyObject = createPrivateKey(keys.privateKeyPem);
  const state: GatewayState = { apps: new Map(), appAuthTokens: new Map(), trades: new TradeStore(), baseUrl: '', bills: new AlipayBills(), merges: new Map() };
  // Per app (or '*' for every app), so that tests running side by side only fault their own calls.
  const faults = new Map<string, { mode: FaultMode; remaining: number }>();
  const notifier = new Notifier(notifyTimeScale(options.notifyTimeScale));
  const deliver = deliverer(notifier, privateKey);
  const tradeHook = tradeHooks(state, notifier, privateKey, deliver);

  function registerApp({ appId, appPublicKeyPem, sellerId }: { appId: string; appPublicKeyPem: string; sellerId?: string }): void {
    state.apps.set(appId, {
      appId,
      publicKey: createPublicKey(appPublicKeyPem),
      // Alipay user ids are 16 digits starting 2088.
      sellerId: sellerId ?? `2088${String(randomInt(0, 1e12)).padStart(12, '0')}`,
    });
  }

  function authoriseApp(grant: { appId: string; sellerId?: string; authAppId?: string }): { appAuthToken: string; sellerId: string; authAppId: string } {
    if (!state.apps.has(grant.appId)) throw new TypeError(`app ${grant.appId} is not registered`);
    const sellerId = grant.sellerId ?? `2088${String(randomInt(0, 1e12)).padStart(12, '0')}`;
    const authAppId = grant.authAppId ?? `2021${String(randomInt(0, 1e12)).padStart(12, '0')}`;
    // Shaped like Alipay's: the month, then BB and 32 hex digits.
    const appAuthToken = `${new Date().toISOString().slice(0, 7).replace('-', '')}BB${randomBytes(16).toString('hex')}`;
    state.appAuthTokens.set(appAuthToken, { appId: grant.appId, sellerId, authAppId });
    return { appAuthToken, sellerId, authAppId };
  }

  function takeFault(appId: string | undefined): FaultMode | undefined {
    const fault = (appId && faults.get(appId)) || faults.get('*');
    if (!fault || fault.remaining <= 0) return undefined;
    fault.remaining--;
    return fault.mode;
  }

  function render(res: ServerResponse, reply: GatewayReply, corruptSign: boolean): void {
    if (reply.kind === 'cashier') return send(res, 200, 'text/html', cashierHtml(reply.trades, reply.preOrderNo));
    if (reply.kind === 'error_page') return send(res, 200, 'text/html', errorHtml(reply.error));
    const body = envelope(reply.responseKey, reply.reply, reply.signed ? privateKey : undefined, corruptSign);
    send(res, 200, 'application/json', body);
  }

  async function gateway(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const params = await gatewayParams(req, url);
    const mode = takeFault(params.app_id);
    if (mode === 'http500') return send(res, 500, 'text/plain', 'Internal Server Error');
    if (mode === 'code20000') {
      const unavailable = { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' };
      return send(res, 200, 'application/json', envelope(responseKey(params.method), unavailable, privateKey));
    }
    const reply = handle(state, params, new Date());
    if (reply.kind === 'api' && reply.notify) deliver(reply.notify.trade, reply.notify.notification);
    // The request took effect but the answer never comes: the client cannot know the outcome.
    if (mode === 'timeout') return;
    render(res, reply, mode === 'badsign');
  }

  async function appHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { appId, appPublicKeyPem, sellerId } = await jsonBody(req);
    try {
      if (typeof appId !== 'string' || !appId || typeof appPublicKeyPem !== 'string') throw new TypeError('appId and appPublicKeyPem are required');
      if (sellerId !== undefined && typeof sellerId !== 'string') throw new TypeError('sellerId must be a string');
      registerApp({ appId, appPublicKeyPem, sellerId });
    } catch (error) {
      return send(res, 400, 'application/json', JSON.stringify({ error: (error as Error).message }));
    }
    res.writeHead(204).end();
  }

  async function authHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { appId, sellerId, authAppId } = await jsonBody(req);
    try {
      if (typeof appId !== 'string' || !appId) throw new TypeError('appId is required');
      for (const [name, value] of Object.entries({ sellerId, authAppId })) if (value !== undefined && (typeof value !== 'string' || !value)) throw new TypeError(`${name} must be a non-empty string`);
      send(res, 200, 'application/json', JSON.stringify(authoriseApp({ appId, sellerId: sellerId as string | undefined, authAppId: authAppId as string | undefined })));
    } catch (error) {
      send(res, 400, 'application/json', JSON.stringify({ error: (error as Error).message }));
    }
  }

  async function faultHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { mode, count, appId } = await jsonBody(req);
    if (!FAULT_MODES.includes(mode as FaultMode) || !Number.isSafeInteger(count) || (count as number) < 0 || (appId !== undefined && typeof appId !== 'string')) {
      return send(res, 400, 'application/json', JSON.stringify({ error: `mode: ${FAULT_MODES.join('|')}, count: integer >= 0, appId?: string` }));
    }
    faults.set((appId as string | undefined) ?? '*', { mode: mode as FaultMode, remaining: count as number });
    res.writeHead(204).end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', state.baseUrl);
    const path = url.pathname;
    if (path === '/gateway.do' && (req.method === 'GET' || req.method === 'POST')) return gateway(req, res, url);
    if (req.method === 'GET' && path.startsWith('/qr/')) {
      const code = path.slice('/qr/'.length);
      const [trade] = state.trades.find((t) => t.qrCode === code);
      if (!trade) return send(res, 404, 'text/plain', 'no such QR code');
      return send(res, 200, 'text/html', cashierHtml([buyerArrives(trade, new Date())]));
    }
    if (authorizeRoute(state, req, res, url)) return;
    if (await tradeHook(req, res, url)) return;
    if (await billRoutes(state, req, res, url)) return;
    if (req.method === 'POST' && path === '/sandbox/apps') return appHook(req, res);
    if (req.method === 'POST' && path === '/sandbox/app-auth-tokens') return authHook(req, res);
    if (req.method === 'POST' && path === '/sandbox/faults') return faultHook(req, res);
    send(res, 404, 'text/plain', 'not found');
  }

  const server = await listen({ name: 'alipay', port: options.port, host: options.host, route });
  state.baseUrl = server.baseUrl;

  return {
    url: state.baseUrl,
    gatewayUrl: `${state.baseUrl}/gateway.do`,
    alipayPublicKeyPem: keys.publicKeyPem,
    alipayPrivateKeyPem: keys.privateKeyPem,
    registerApp,
    authoriseApp,
    trades: () => state.trades.find(() => true).map((trade) => ({ ...trade })),
    close: async () => {
      await notifier.close();
      await server.close();
    },
  };
}
