/**
 * The Alipay channel (OpenAPI 2.0 gateway, RSA2): QR (precreate), PC page, mobile web and app pay,
 * the asynchronous notify that reports their outcome (notify.ts), query, close and refund, and
 * merge pay for combined groups (merge.ts).
 * Direct merchants' apps and ISV apps calling for a sub-merchant (config.ts, client.ts).
 * Protocol reference: /work/shared/providers/PROTOCOLS.md §1.
 */
import { ALIPAY_METHODS, type AlipayMethod } from './methods.ts';
import type { Channel, ChannelCall, CreateOutcome, CreateRequest } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { toDecimalString } from '../../domain/money.ts';
import { execute, gatewayGetUrl, orderString, refusal, signedRequest } from './client.ts';
import { close } from './close.ts';
import { alipayConfigSchemas, type AlipayConfig } from './config.ts';
import { callbackReplies, verifyCallback } from './notify.ts';
import { query } from './query.ts';
import { refund } from './refund.ts';
import { queryRefund } from './refund-query.ts';
import { toAlipayTime } from './time.ts';

export type { AlipayConfig } from './config.ts';

type Call = ChannelCall<AlipayConfig>;

function bizContent(request: CreateRequest, productCode?: string): Record<string, string | undefined> {
  return {
    out_trade_no: request.payNo,
    total_amount: toDecimalString(request.amount, 'CNY'),
    subject: request.subject,
    product_code: productCode,
    time_expire: toAlipayTime(request.expiresAt),
  };
}

/**
 * Precreate answers a retry for a trade the buyer has already paid or that is closed with 40004
 * ACQ.TRADE_HAS_SUCCESS / ACQ.TRADE_HAS_CLOSE (§1.3). That is not a refusal of this payment:
 * leave it as it is so the next query reads the trade's real state.
 */
const TRADE_EXISTS = new Set(['ACQ.TRADE_HAS_SUCCESS', 'ACQ.TRADE_HAS_CLOSE']);

async function createQr(call: Call, request: CreateRequest): Promise<CreateOutcome> {
  const params = signedRequest(call, 'alipay.trade.precreate', bizContent(request), { notify_url: request.callbackUrl });
  const reply = await execute(call, params);
  if (reply.code !== '10000') {
    if (TRADE_EXISTS.has(reply.sub_code ?? '')) throw new ProviderUnavailable(`alipay.trade.precreate: ${reply.sub_code}`);
    return refusal(reply);
  }
  if (typeof reply.qr_code !== 'string') throw new ProviderUnavailable('alipay.trade.precreate: reply has no qr_code');
  return { outcome: 'created', action: { type: 'qr_code', value: reply.qr_code } };
}

/**
 * Page, wap and app pay make no server call: the buyer's browser or the Alipay app takes the
 * signed request to Alipay (§1.4), so creating them cannot fail at the provider.
 */
function createPage(call: Call, request: CreateRequest): CreateOutcome {
  const params = signedRequest(call, 'alipay.trade.page.pay', bizContent(request, 'FAST_INSTANT_TRADE_PAY'), {
    notify_url: request.callbackUrl,
    return_url: request.returnUrl,
  });
  return { outcome: 'created', action: { type: 'redirect', value: gatewayGetUrl(call.config.gatewayUrl, params) } };
}

function createWap(call: Call, request: CreateRequest): CreateOutcome {
  const biz = { ...bizContent(request, 'QUICK_WAP_WAY'), quit_url: request.returnUrl };
  const params = signedRequest(call, 'alipay.trade.wap.pay', biz, {
    notify_url: request.callbackUrl,
    return_url: request.returnUrl,
  });
  return { outcome: 'created', action: { type: 'redirect', value: gatewayGetUrl(call.config.gatewayUrl, params) } };
}

function createApp(call: Call, request: CreateRequest): CreateOutcome {
  const params = signedRequest(call, 'alipay.trade.app.pay', bizContent(request, 'QUICK_MSECURITY_PAY'), {
    notify_url: request.callbackUrl,
  });
  return { outcome: 'created', action: { type: 'app_params', value: orderString(params) } };
}

const creators: Record<AlipayMethod, (call: Call, request: CreateRequest) => CreateOutcome | Promise<CreateOutcome>> = {
  'alipay.qr': createQr,
  'alipay.page': createPage,
  'alipay.wap': createWap,
  'alipay.app': createApp,
};

export const alipay: Channel<AlipayConfig> = {
  name: 'alipay',
  methods: ALIPAY_METHODS,
  currencies: ['CNY'],
  configSchema: alipayConfigSchemas,
  secretFields: ['privateKey', 'appAuthToken'],
  async create(call, request) {
    const create = creators[request.method as AlipayMethod] as (typeof creators)[AlipayMethod] | undefined;
    if (!create) throw new InvalidRequest('method_not_supported', `alipay has no method ${request.method}`, 'method');
    if (request.currency !== 'CNY') throw new InvalidRequest('currency_not_supported', 'alipay takes CNY only', 'currency');
    return create(call, request);
  },
  query,
  close,
  refund,
  queryRefund,
  // Loaded on first use: only the daily statement job reads bills (zip, GBK), not the request paths.
  statement: async (call, day) => (await import('./statement.ts')).statement(call, day),
  // Loaded on first use: merge pay (合并支付) for groups in combined mode.
  combined: {
    create: async (call, request) => (await import('./merge.ts')).createMerge(call, request),
    query: async (call, group) => (await import('./merge.ts')).queryMerge(call, group.members),
    close: async (call, group) => (await import('./merge.ts')).closeMerge(call, group.members),
  },
  // Alipay's notify carries everything it needs: verification is local (no call to Alipay).
  verifyCallback: async (call, request) => verifyCallback(call.config, request),
  callbackReplies,
};
