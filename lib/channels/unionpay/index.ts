/**
 * The UnionPay online payment channel (全渠道, ACP 5.1.0, signMethod 01): web (an auto-submit form
 * to the front gateway) and app (a `tn` from the back gateway for the UnionPay app SDK), query,
 * refund, and the back notification that reports payments (notify.ts).
 * Protocol reference: /work/shared/providers/PROTOCOLS.md §3.
 */
import { UNIONPAY_METHODS, type UnionpayMethod } from './methods.ts';
import type { Channel, ChannelCall, CloseOutcome, CreateOutcome, CreateRequest, PaymentQuery, ProviderPayment, ProviderPaymentRef, RefundOutcome, RefundRequest } from '../channel.ts';
import { InvalidRequest, ProviderUnavailable } from '../../domain/errors.ts';
import { ASK_AGAIN, describeReply, post, signedRequest } from './client.ts';
import { unionpayConfigSchema, type UnionpayConfig } from './config.ts';
import { callbackReplies, verifyCallback } from './notify.ts';
import { queryRefund } from './refund-query.ts';
import { fromAcpTime, fromTraceTime, orderTime, toAcpTime } from './time.ts';
import { autoSubmitForm } from './wire.ts';

export type { UnionpayConfig } from './config.ts';

type Call = ChannelCall<UnionpayConfig>;

/** Success, and success with defects (§3.3). */
const SUCCESS = new Set(['00', 'A6']);
/** 12 重复交易: this orderId + txnTime was already sent, so a retry; its real state is for query. */
const DUPLICATE = '12';
/** 34 无此交易 (§3.3). */
const NO_SUCH_ORDER = '34';

/** A consumption (txnType 01, §3.3): orderId = payNo, txnTime the payment's createdAt, which a query names it by too. */
function consumeFields(request: CreateRequest, channelType: '07' | '08'): Record<string, string | undefined> {
  return {
    txnType: '01',
    txnSubType: '01',
    bizType: '000201',
    channelType,
    orderId: request.payNo,
    txnTime: toAcpTime(request.createdAt),
    txnAmt: String(request.amount),
    currencyCode: '156',
    payTimeout: toAcpTime(request.expiresAt),
    backUrl: request.callbackUrl,
    frontUrl: request.returnUrl,
  };
}

/** The browser posts the signed form to frontTransReq.do: no server call, nothing to refuse here (§3.1). */
function createWeb(call: Call, request: CreateRequest): CreateOutcome {
  const fields = signedRequest(call, consumeFields(request, '07'));
  return { outcome: 'created', action: { type: 'form', value: autoSubmitForm(call.config.frontTransUrl, fields) } };
}

/** appTransReq.do answers the `tn` the UnionPay app SDK pays with (§3.1). */
async function createApp(call: Call, request: CreateRequest): Promise<CreateOutcome> {
  const reply = await post(call, call.config.appTransUrl, signedRequest(call, consumeFields(request, '08')), 'appTransReq');
  if (SUCCESS.has(reply.respCode!)) {
    if (!reply.tn) throw new ProviderUnavailable('appTransReq: reply has no tn');
    return { outcome: 'created', action: { type: 'app_params', value: reply.tn } };
  }
  if (ASK_AGAIN.has(reply.respCode!) || reply.respCode === DUPLICATE) throw new ProviderUnavailable(`appTransReq: ${describeReply(reply)}`);
  return { outcome: 'refused', code: reply.respCode!, message: reply.respMsg ?? '' };
}

const creators: Record<UnionpayMethod, (call: Call, request: CreateRequest) => CreateOutcome | Promise<CreateOutcome>> = {
  'unionpay.web': createWeb,
  'unionpay.app': createApp,
};

function amountOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}

/**
 * queryTrans.do (txnType 00). respCode is the query's own result, origRespCode the order's (§3.3):
 * 03/04/05 in either mean "ask again", never a failure. An order whose payment attempt failed
 * (origRespCode 01...) stays PENDING: the buyer may try again until payTimeout.
 */
async function query(call: Call, payment: PaymentQuery): Promise<ProviderPayment> {
  const txnTime = payment.createdAt;
  const request = signedRequest(call, {
    txnType: '00',
    txnSubType: '00',
    bizType: '000000',
    orderId: payment.payNo,
    txnTime: toAcpTime(txnTime),
  });
  const reply = await post(call, call.config.queryTransUrl, request, 'queryTrans');
  const { respCode = '', origRespCode = '' } = reply;
  if (respCode === NO_SUCH_ORDER) return { status: 'NOT_FOUND', providerStatus: respCode };
  if (ASK_AGAIN.has(respCode)) return { status: 'PENDING', providerStatus: respCode };
  if (!SUCCESS.has(respCode)) throw new ProviderUnavailable(`queryTrans: ${describeReply(reply)}`);
  const amount = amountOf(reply.txnAmt);
  if (reply.txnAmt !== undefined && amount === undefined) throw new ProviderUnavailable(`queryTrans: malformed txnAmt ${reply.txnAmt}`);
  const base = { providerTradeNo: reply.queryId || undefined, amount, currency: 'CNY', providerStatus: origRespCode };
  if (!SUCCESS.has(origRespCode)) return { status: 'PENDING', ...base };
  const orderTxnTime = reply.txnTime ? fromAcpTime(reply.txnTime) : txnTime;
  const paidAt = reply.traceTime && orderTxnTime ? fromTraceTime(reply.traceTime, orderTxnTime) : orderTxnTime;
  return { status: 'SUCCEEDED', ...base, paidAt };
}

/** A follow-up call's payment as a query names it: UnionPay cannot name an order without its time. */
function queryOf(payment: ProviderPaymentRef): PaymentQuery {
  if (!payment.createdAt) throw new Error(`UnionPay needs payment ${payment.payNo}'s createdAt (its txnTime) to name it`);
  return { ...payment, createdAt: payment.createdAt };
}

/**
 * UnionPay has no close for an unpaid consumption (§3.3 lists none): the order was created with
 * payTimeout = expiresAt, after which UnionPay takes no payment for it. So close asks UnionPay: a
 * paid order is 'paid' (never closed: consume cancel, txnType 31, would be a refund in disguise);
 * an unpaid or unknown one is reported closed, which holds once expiresAt has passed — payee must
 * call it only then (ProviderPaymentRef carries no expiresAt to check).
 */
async function close(call: Call, payment: ProviderPaymentRef): Promise<CloseOutcome> {
  const found = await query(call, queryOf(payment));
  if (found.status === 'SUCCEEDED') return { outcome: 'paid', payment: found };
  // 03/04/05: UnionPay may still be processing a payment; not closed until it says which.
  if (found.status === 'PENDING' && ASK_AGAIN.has(found.providerStatus ?? '')) {
    throw new ProviderUnavailable(`queryTrans: ${found.providerStatus}, the order may be being paid`);
  }
  return { outcome: 'closed' };
}

/**
 * Refund (退货, txnType 04) against the consumption's queryId (§3.1). Its orderId is the refundNo,
 * its txnTime derived from it (time.ts), so a retry repeats the same refund. respCode 00 only
 * means accepted: the result comes later (§3.3).
 */
async function refund(call: Call, request: RefundRequest): Promise<RefundOutcome> {
  let origQryId = request.payment.providerTradeNo;
  if (!origQryId) {
    const found = await query(call, queryOf(request.payment));
    if (found.status !== 'SUCCEEDED' || !found.providerTradeNo) {
      return { outcome: 'refused', code: 'not_paid', message: `order ${request.payment.payNo} is not paid at UnionPay` };
    }
    origQryId = found.providerTradeNo;
  }
  const fields = signedRequest(call, {
    txnType: '04',
    txnSubType: '00',
    bizType: '000201',
    channelType: '07',
    orderId: request.refundNo,
    txnTime: toAcpTime(orderTime(request.refundNo)),
    txnAmt: String(request.amount),
    currencyCode: '156',
    origQryId,
    backUrl: request.callbackUrl,
    // Echoed in the refund's notification, which names only the refund (refund-notify.ts).
    reqReserved: request.payment.payNo,
  });
  const reply = await post(call, call.config.backTransUrl, fields, 'backTransReq refund');
  if (SUCCESS.has(reply.respCode!) || reply.respCode === DUPLICATE) {
    return { outcome: 'processing', providerRefundNo: reply.queryId || undefined };
  }
  if (ASK_AGAIN.has(reply.respCode!)) throw new ProviderUnavailable(`backTransReq refund: ${describeReply(reply)}`);
  return { outcome: 'refused', code: reply.respCode!, message: reply.respMsg ?? '' };
}

function checkCurrency(currency: string): void {
  if (currency !== 'CNY') throw new InvalidRequest('currency_not_supported', 'unionpay takes CNY only', 'currency');
}

export const unionpay: Channel<UnionpayConfig> = {
  name: 'unionpay',
  methods: UNIONPAY_METHODS,
  currencies: ['CNY'],
  configSchema: unionpayConfigSchema,
  secretFields: ['signPrivateKey'],
  async create(call, request) {
    const create = creators[request.method as UnionpayMethod] as (typeof creators)[UnionpayMethod] | undefined;
    if (!create) throw new InvalidRequest('method_not_supported', `unionpay has no method ${request.method}`, 'method');
    checkCurrency(request.currency);
    return create(call, request);
  },
  query,
  close,
  async refund(call, request) {
    checkCurrency(request.payment.currency);
    return refund(call, request);
  },
  queryRefund,
  // The notify carries its certificate: verification is local (no call to UnionPay).
  verifyCallback: async (call, request) => verifyCallback(call.config, request, call.now()),
  callbackReplies,
};
