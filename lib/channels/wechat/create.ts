/**
 * Creating WeChat Pay orders: native (QR), JSAPI (in WeChat), H5 (mobile browser) and APP
 * (PROTOCOLS.md §2.4), with the client parameters JSAPI and APP pay need, signed by the merchant.
 */
import type { ChannelCall, CreateOutcome, CreateRequest, PaymentAction } from '../channel.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { describeReply, errorCode, execute, type WechatReply } from './client.ts';
import type { WechatConfig } from './config.ts';
import { transactions } from './partner.ts';
import { lines, nonce, sign } from './sign.ts';
import { toWechatTime } from './time.ts';

type Call = ChannelCall<WechatConfig>;
export type Kind = 'native' | 'jsapi' | 'h5' | 'app';

/*
 * Creating's wire shape by mode (partner.ts has the rest): a 服务商 creates at
 * /v3/pay/partner/transactions/{kind} naming sp_appid, sp_mchid, sub_mchid and sub_appid; the buyer
 * pays in sub_appid when there is one (payer sub_openid), else in sp_appid (sp_openid); the APP
 * SDK's partnerid is the sub-merchant's.
 */
const payingAppid = (config: WechatConfig): string => (config.mode === 'partner' ? (config.subAppid ?? config.spAppid) : config.appid);
const appPartnerId = (config: WechatConfig): string => (config.mode === 'partner' ? config.subMchid : config.mchid);

function merchantIds(config: WechatConfig): Record<string, string> {
  if (config.mode !== 'partner') return { appid: config.appid, mchid: config.mchid };
  return { sp_appid: config.spAppid, sp_mchid: config.spMchid, sub_mchid: config.subMchid, ...(config.subAppid ? { sub_appid: config.subAppid } : {}) };
}

function jsapiPayer(config: WechatConfig, openid: string): Record<string, string> {
  if (config.mode !== 'partner') return { openid };
  return config.subAppid ? { sub_openid: openid } : { sp_openid: openid };
}

/**
 * Codes that answer a repeated create for a trade that already went on (paid, closed): not a
 * refusal of this payment, so leave it for the next query to read the trade's real state.
 * SYSTEM_ERROR (and 5xx) means "unknown, retry".
 */
export const NOT_A_REFUSAL = new Set(['ORDERPAID', 'ORDER_CLOSED', 'SYSTEM_ERROR', 'FREQUENCY_LIMITED']);

/** JSAPI's wx.requestPayment / WeixinJSBridge parameters (§2.4: `appId\ntimeStamp\nnonceStr\npackage\n`). */
function jsapiParams(call: Call, prepayId: string): Record<string, string> {
  const params = { appId: payingAppid(call.config), timeStamp: String(Math.floor(call.now().getTime() / 1000)), nonceStr: nonce(), package: `prepay_id=${prepayId}` };
  return { ...params, signType: 'RSA', paySign: sign(lines(params.appId, params.timeStamp, params.nonceStr, params.package), call.config.privateKey) };
}

/** The APP SDK's PayReq fields (§2.4: `appid\ntimestamp\nnoncestr\nprepayid\n`), as a JSON string. */
function appParams(call: Call, prepayId: string): string {
  const params = {
    appid: payingAppid(call.config),
    partnerid: appPartnerId(call.config),
    prepayid: prepayId,
    package: 'Sign=WXPay',
    noncestr: nonce(),
    timestamp: String(Math.floor(call.now().getTime() / 1000)),
  };
  return JSON.stringify({ ...params, sign: sign(lines(params.appid, params.timestamp, params.noncestr, params.prepayid), call.config.privateKey) });
}

function field(reply: WechatReply, name: string, what: string): string {
  const value = reply.data[name];
  if (typeof value !== 'string' || value === '') throw new ProviderUnavailable(`${what}: reply has no ${name}`);
  return value;
}

/** What the buyer is shown for a created order (or combined order, `what` naming its call). */
export function action(call: Call, kind: Kind, reply: WechatReply, what = `POST ${transactions(call.config)}/${kind}`): PaymentAction {
  switch (kind) {
    case 'native':
      return { type: 'qr_code', value: field(reply, 'code_url', what) };
    case 'h5':
      return { type: 'redirect', value: field(reply, 'h5_url', what) };
    case 'jsapi':
      return { type: 'jsapi_params', value: jsapiParams(call, field(reply, 'prepay_id', what)) };
    case 'app':
      return { type: 'app_params', value: appParams(call, field(reply, 'prepay_id', what)) };
  }
}

/** What each kind needs from the payer (§2.4); the refusal when it is missing. */
function payerFields(config: WechatConfig, kind: Kind, payer: Record<string, string>): Record<string, unknown> | CreateOutcome {
  if (kind === 'jsapi') {
    if (!payer.openid) return { outcome: 'refused', code: 'payer_openid_required', message: 'wechat.jsapi needs payer.openid (the buyer’s openid under this appid)' };
    return { payer: jsapiPayer(config, payer.openid) };
  }
  if (kind === 'h5') {
    // WeChat checks the paying browser's IP against payer_client_ip: a made-up one would fail the buyer later.
    if (!payer.clientIp) return { outcome: 'refused', code: 'payer_client_ip_required', message: 'wechat.h5 needs payer.clientIp (the buyer’s IP address)' };
    return { scene_info: { payer_client_ip: payer.clientIp, h5_info: { type: 'Wap' } } };
  }
  return {};
}

export async function createOrder(call: Call, kind: Kind, request: CreateRequest): Promise<CreateOutcome> {
  const extra = payerFields(call.config, kind, request.payer ?? {});
  if ('outcome' in extra) return extra as CreateOutcome;
  const path = `${transactions(call.config)}/${kind}`;
  const reply = await execute(call, 'POST', path, {
    ...merchantIds(call.config),
    // WeChat caps description at 127 bytes; truncating by characters keeps well clear of cutting UTF-8.
    description: [...request.subject].slice(0, 40).join(''),
    out_trade_no: request.payNo,
    time_expire: toWechatTime(request.expiresAt),
    notify_url: request.callbackUrl,
    amount: { total: request.amount, currency: request.currency },
    ...extra,
  });
  if (reply.status >= 400) {
    const code = errorCode(reply);
    if (NOT_A_REFUSAL.has(code)) throw new ProviderUnavailable(`POST ${path}: ${describeReply(reply)}`);
    return { outcome: 'refused', code, message: typeof reply.data.message === 'string' ? reply.data.message : '' };
  }
  return { outcome: 'created', action: action(call, kind, reply) };
}
