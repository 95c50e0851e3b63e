/**
 * The Alipay channel (OpenAPI 2.0 gateway, RSA2): QR (precreate), PC page, mobile web and app pay,
 * and the asynchronous notify that reports their outcome (notify.ts).
 * Protocol reference: /work/shared/providers/PROTOCOLS.md §1.
 */
import * as z from 'zod/mini';
import type { Channel, ChannelCall, CreateOutcome, CreateRequest, ProviderPayment } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { fromDecimalString, toDecimalString } from '../../domain/money.ts';
import { describeReply, execute, gatewayGetUrl, orderString, signedRequest, type AlipayReply } from './client.ts';
import { alipayConfigSchema, type AlipayConfig } from './config.ts';
import { callbackReplies, verifyCallback } from './notify.ts';
import { fromAlipayTime, toAlipayTime } from './time.ts';

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

function refused(reply: AlipayReply): CreateOutcome {
  return { outcome: 'refused', code: reply.sub_code || reply.code, message: reply.sub_msg || reply.msg || '' };
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
    return refused(reply);
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

const creators: Record<string, (call: Call, request: CreateRequest) => CreateOutcome | Promise<CreateOutcome>> = {
  'alipay.qr': createQr,
  'alipay.page': createPage,
  'alipay.wap': createWap,
  'alipay.app': createApp,
};

const STATUS: Record<string, ProviderPayment['status']> = {
  WAIT_BUYER_PAY: 'PENDING',
  TRADE_SUCCESS: 'SUCCEEDED',
  TRADE_FINISHED: 'SUCCEEDED',
  TRADE_CLOSED: 'CLOSED',
};

const tradeSchema = z.looseObject({
  trade_status: z.string(),
  trade_no: z.optional(z.string()),
  total_amount: z.optional(z.string()),
  send_pay_date: z.optional(z.string()),
});

async function query(call: Call, payment: { payNo: string }): Promise<ProviderPayment> {
  const reply = await execute(call, signedRequest(call, 'alipay.trade.query', { out_trade_no: payment.payNo }));
  if (reply.code !== '10000') {
    // A QR nobody has scanned yet is no trade at Alipay: query says ACQ.TRADE_NOT_EXIST (channel.ts, NOT_FOUND).
    if (reply.sub_code === 'ACQ.TRADE_NOT_EXIST') return { status: 'NOT_FOUND' };
    throw new ProviderUnavailable(`alipay.trade.query: ${describeReply(reply)}`);
  }
  const trade = tradeSchema.safeParse(reply);
  const status = trade.success ? STATUS[trade.data.trade_status] : undefined;
  if (!trade.success || !status) throw new ProviderUnavailable('alipay.trade.query: unexpected trade in reply');
  const { trade_no, total_amount, send_pay_date, trade_status } = trade.data;
  const amount = total_amount === undefined ? undefined : fromDecimalString(total_amount, 'CNY');
  const paidAt = send_pay_date === undefined ? undefined : fromAlipayTime(send_pay_date);
  if ((total_amount !== undefined && amount === undefined) || (send_pay_date !== undefined && !paidAt)) {
    throw new ProviderUnavailable('alipay.trade.query: malformed total_amount or send_pay_date');
  }
  return { status, providerTradeNo: trade_no, amount, currency: 'CNY', paidAt, providerStatus: trade_status };
}

export const alipay: Channel<AlipayConfig> = {
  name: 'alipay',
  methods: Object.keys(creators),
  currencies: ['CNY'],
  configSchema: alipayConfigSchema,
  secretFields: ['privateKey'],
  async create(call, request) {
    const create = creators[request.method];
    if (!create) throw new InvalidRequest('method_not_supported', `alipay has no method ${request.method}`, 'method');
    if (request.currency !== 'CNY') throw new InvalidRequest('currency_not_supported', 'alipay takes CNY only', 'currency');
    return create(call, request);
  },
  query,
  // Alipay's notify carries everything it needs: verification is local (no call to Alipay).
  verifyCallback: async (call, request) => verifyCallback(call.config, request),
  callbackReplies,
};
