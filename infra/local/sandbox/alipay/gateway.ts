/**
 * What the sandbox gateway answers to one gateway.do request, as Alipay would (PROTOCOLS.md §1.1–1.4):
 * common-parameter checks, the app's RSA2 signature, then the method's biz_content.
 */
import type { KeyObject } from 'node:crypto';
import { beijingTime, parseBeijingTime, requestContent, verifyRequest } from './protocol.ts';
import { closeTrade, refundQuery, refundTrade } from './after-sale.ts';
import { billDownloadUrl, type AlipayBills } from './bill.ts';
import { field, GatewayError, positiveCents, required, success, visibleTrade, yuan } from './biz.ts';
import type { Notification } from './notification.ts';
import { mergePay, mergePrecreate, pageMergePay, type SandboxMerge } from './merge.ts';
import { newQrCode, newTradeNo, type SandboxTrade, type TradeStore } from './trades.ts';
import { oauthToken } from './oauth.ts';

export { GatewayError } from './biz.ts';

export interface SandboxApp {
  appId: string;
  sellerId: string;
  publicKey: KeyObject;
  /** A call on an app_auth_token: the sub-merchant's app (its notifies' auth_app_id); sellerId is then the sub-merchant's. */
  authAppId?: string;
}

/** A sub-merchant's authorisation of an ISV app (第三方应用授权): what its app_auth_token stands for. */
export interface AppAuthorisation {
  /** The ISV app the token was issued to: only it may call with the token. */
  appId: string;
  authAppId: string;
  sellerId: string;
}

export interface GatewayState {
  apps: Map<string, SandboxApp>;
  /** app_auth_token → the authorisation it stands for. */
  appAuthTokens: Map<string, AppAuthorisation>;
  trades: TradeStore;
  /** The sandbox's own URL: its QR codes point at it, so opening one plays "the buyer scans". */
  baseUrl: string;
  /** Trade bills: download tokens and planted differences (bill.ts). */
  bills: AlipayBills;
  /** Merge pay orders by pre_order_no (merge.ts). */
  merges: Map<string, SandboxMerge>;
}

export type GatewayReply =
  /** A JSON envelope; signed once the app is known (an unknown app_id gets an unsigned error_response). */
  | {
      kind: 'api';
      responseKey: string;
      reply: Record<string, unknown>;
      signed: boolean;
      /** The notify the call triggers (close, full refund), sent even when the reply is lost. */
      notify?: { trade: SandboxTrade; notification: Notification };
    }
  /** page/wap pay are browser navigations: Alipay answers with its cashier (a merge's shows every sub-order), or an error page. */
  | { kind: 'cashier'; trades: SandboxTrade[]; preOrderNo?: string }
  | { kind: 'error_page'; error: GatewayError };

/** Alipay rejects stale requests (isv.invalid-timestamp). Its window is not documented in PROTOCOLS.md; ±15 min catches a UTC timestamp (8 h off). */
const TIMESTAMP_SKEW_MS = 15 * 60_000;

export interface Call {
  state: GatewayState;
  app: SandboxApp;
  params: Record<string, string>;
  biz: Record<string, unknown>;
  now: Date;
}

const APIS: Record<string, { page: boolean; run(call: Call): GatewayReply }> = {
  'alipay.trade.precreate': { page: false, run: precreate },
  'alipay.system.oauth.token': { page: false, run: oauthToken },
  'alipay.trade.query': { page: false, run: query },
  'alipay.trade.close': { page: false, run: closeTrade },
  'alipay.trade.refund': { page: false, run: refundTrade },
  'alipay.trade.fastpay.refund.query': { page: false, run: refundQuery },
  'alipay.data.dataservice.bill.downloadurl.query': { page: false, run: billDownloadUrl },
  'alipay.trade.page.pay': { page: true, run: (call) => pagePay(call, 'FAST_INSTANT_TRADE_PAY') },
  'alipay.trade.wap.pay': { page: true, run: (call) => pagePay(call, 'QUICK_WAP_WAY') },
  'alipay.trade.merge.precreate': { page: false, run: mergePrecreate },
  'alipay.trade.page.merge.pay': { page: true, run: pageMergePay },
  'alipay.trade.wap.merge.pay': { page: true, run: mergePay },
  // The app SDK hands the signed order string to Alipay's app, which opens the same cashier.
  'alipay.trade.app.merge.pay': { page: true, run: mergePay },
};

export function responseKey(method: string | undefined): string {
  return method && APIS[method] ? `${method.replaceAll('.', '_')}_response` : 'error_response';
}

export function handle(state: GatewayState, params: Record<string, string>, now: Date): GatewayReply {
  const api = APIS[params.method ?? ''];
  const app = state.apps.get(params.app_id ?? '');
  try {
    if (!params.method) throw new GatewayError('40001', 'isv.missing-method', '缺少方法名参数');
    if (!params.app_id) throw new GatewayError('40001', 'isv.missing-app-id', '缺少AppID参数');
    if (!app) throw new GatewayError('40002', 'isv.invalid-app-id', '无效的AppID参数');
    if (!api) throw new GatewayError('40002', 'isv.invalid-method', '不存在的方法名');
    checkCommon(params, now);
    if (!verifyRequest(params, app.publicKey)) {
      // Like Alipay, show the string the gateway verified: it is how integrators debug signing.
      throw new GatewayError('40002', 'isv.invalid-signature', `验签出错，网关生成的验签字符串为：${requestContent(params)}`);
    }
    return api.run({ state, app: caller(state, app, params.app_auth_token), params, biz: bizContent(params), now });
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (api?.page) return { kind: 'error_page', error };
    const known = Boolean(app && api);
    return { kind: 'api', responseKey: known ? responseKey(params.method) : 'error_response', reply: error.reply(), signed: known };
  }
}

/**
 * Whom the call is for: the app itself, or with app_auth_token (ISV mode, 第三方应用代调用) the
 * sub-merchant who issued that token to this app. A token that is unknown or was issued to
 * another app is refused as Alipay refuses it (20001 aop.invalid-app-auth-token).
 */
function caller(state: GatewayState, app: SandboxApp, token: string | undefined): SandboxApp {
  if (token === undefined) return app;
  const authorisation = state.appAuthTokens.get(token);
  if (!authorisation || authorisation.appId !== app.appId) throw new GatewayError('20001', 'aop.invalid-app-auth-token', '无效的应用授权令牌');
  return { ...app, sellerId: authorisation.sellerId, authAppId: authorisation.authAppId };
}

function checkCommon(params: Record<string, string>, now: Date): void {
  if (!params.sign) throw new GatewayError('40001', 'isv.missing-signature', '缺少签名参数');
  if (!params.sign_type) throw new GatewayError('40001', 'isv.missing-signature-type', '缺少签名类型参数');
  if (params.sign_type !== 'RSA2') throw new GatewayError('40002', 'isv.invalid-signature-type', '无效的签名类型参数');
  if (params.charset?.toLowerCase() !== 'utf-8') throw new GatewayError('40002', 'isv.invalid-charset', '字符集错误 (the sandbox speaks utf-8)');
  if (params.format !== undefined && params.format.toUpperCase() !== 'JSON') throw new GatewayError('40002', 'isv.invalid-format', '无效的数据格式');
  if (!params.version) throw new GatewayError('40001', 'isv.missing-version', '缺少版本参数');
  if (!params.timestamp) throw new GatewayError('40001', 'isv.missing-timestamp', '缺少时间戳参数');
  const sent = parseBeijingTime(params.timestamp);
  if (!sent || Math.abs(sent.getTime() - now.getTime()) > TIMESTAMP_SKEW_MS) {
    throw new GatewayError('40002', 'isv.invalid-timestamp', '非法的时间戳参数 (yyyy-MM-dd HH:mm:ss, GMT+8)');
  }
}

function bizContent(params: Record<string, string>): Record<string, unknown> {
  if (!params.biz_content) return {};
  try {
    const biz: unknown = JSON.parse(params.biz_content);
    if (typeof biz === 'object' && biz !== null && !Array.isArray(biz)) return biz as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new GatewayError('40002', 'isv.invalid-parameter', 'biz_content 不是 JSON 对象');
}

/** total_amount: yuan, at most 2 decimals, in [0.01, 100000000] (opendocs alipay.trade.precreate). Normalised to 2 decimals. */
function totalAmount(biz: Record<string, unknown>): string {
  return yuan(positiveCents(biz, 'total_amount'));
}

/** Creates the trade, or returns the existing one for a retry of the same order. */
export function openTrade(call: Call, productCode?: string): SandboxTrade {
  const { state, app, params, biz, now } = call;
  const outTradeNo = required(biz, 'out_trade_no');
  const amount = totalAmount(biz);
  const subject = required(biz, 'subject');
  if (productCode && required(biz, 'product_code') !== productCode) {
    throw new GatewayError('40002', 'isv.invalid-parameter', `product_code 应为 ${productCode}`);
  }
  const expireText = field(biz, 'time_expire');
  const timeExpire = expireText === undefined ? undefined : parseBeijingTime(expireText);
  if (expireText !== undefined && !timeExpire) throw new GatewayError('40002', 'isv.invalid-parameter', 'time_expire 格式错误');

  const existing = state.trades.get(app.sellerId, outTradeNo);
  if (existing) {
    if (existing.totalAmount !== amount) throw new GatewayError('40004', 'ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
    const { status } = state.trades.refresh(existing, now);
    if (status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED') throw new GatewayError('40004', 'ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
    if (status === 'TRADE_CLOSED') throw new GatewayError('40004', 'ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
    return existing;
  }
  const trade: SandboxTrade = {
    appId: app.appId,
    authAppId: app.authAppId,
    sellerId: app.sellerId,
    outTradeNo,
    tradeNo: newTradeNo(now),
    createdBy: params.method ?? '',
    totalAmount: amount,
    subject,
    productCode: field(biz, 'product_code'),
    status: 'WAIT_BUYER_PAY',
    notifyUrl: params.notify_url,
    returnUrl: params.return_url,
    timeExpire,
    createdAt: now,
  };
  state.trades.put(trade);
  return trade;
}

function precreate(call: Call): GatewayReply {
  const trade = openTrade(call);
  trade.qrCode ??= newQrCode();
  return {
    kind: 'api',
    responseKey: responseKey(call.params.method),
    reply: { code: '10000', msg: 'Success', out_trade_no: trade.outTradeNo, qr_code: `${call.state.baseUrl}/qr/${trade.qrCode}` },
    signed: true,
  };
}

/** The buyer's browser reaching the cashier: from then on Alipay has a trade to report. */
export function buyerArrives(trade: SandboxTrade, now: Date): SandboxTrade {
  trade.buyerArrivedAt ??= now;
  return trade;
}

function pagePay(call: Call, productCode: string): GatewayReply {
  return { kind: 'cashier', trades: [buyerArrives(openTrade(call, productCode), call.now)] };
}

function query(call: Call): GatewayReply {
  const trade = visibleTrade(call);
  const reply: Record<string, string> = {
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: trade.status,
    total_amount: trade.totalAmount,
  };
  // Kept after a full refund closes the trade: it was paid (lib/channels/alipay/query.ts).
  if (trade.paidAt) reply.send_pay_date = beijingTime(trade.paidAt);
  return success(call, reply);
}
