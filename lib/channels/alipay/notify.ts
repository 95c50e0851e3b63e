/**
 * Alipay's asynchronous notify (PROTOCOLS.md §1.5): a form POST signed with the Alipay key,
 * verified and normalised into a PaymentEvent, and the replies Alipay understands.
 */
import { createHash } from 'node:crypto';
import { fail, formCallback } from '../callback.ts';
import type { CallbackRequest, CallbackVerdict, PaymentEvent, ProviderReply } from '../channel.ts';
import { fromDecimalString } from '../../domain/money.ts';
import type { AlipayConfig } from './config.ts';
import { isRefundNotify, refundVerdict } from './refund-notify.ts';
import { verifyNotify } from './sign.ts';
import { fromAlipayTime } from './time.ts';

/**
 * Alipay stops retrying only on a body of exactly `success` (7 bytes, §1.5); anything else is a
 * failure to it, so `rejected` and `retryLater` differ only in status, for payee's own logs.
 */
export const callbackReplies: { accepted: ProviderReply; rejected: ProviderReply; retryLater: ProviderReply } = {
  accepted: { statusCode: 200, contentType: 'text/plain', body: 'success' },
  rejected: { statusCode: 400, contentType: 'text/plain', body: 'fail' },
  retryLater: { statusCode: 503, contentType: 'text/plain', body: 'fail' },
};

const REQUIRED = ['notify_id', 'notify_type', 'app_id', 'out_trade_no', 'trade_status', 'total_amount', 'sign', 'sign_type'] as const;

/** WAIT_BUYER_PAY is only notified when a merchant asks Alipay for it: no event payee acts on. */
const STATUSES = new Map<string, PaymentEvent['status'] | 'unsupported'>([
  ['TRADE_SUCCESS', 'SUCCEEDED'],
  ['TRADE_FINISHED', 'SUCCEEDED'],
  ['TRADE_CLOSED', 'CLOSED'],
  ['WAIT_BUYER_PAY', 'unsupported'],
]);

/** What SQS FIFO allows in a MessageDeduplicationId: 1–128 printable ASCII characters, no space. */
const DEDUPLICATION_ID = /^[\x21-\x7e]{1,128}$/;

/** The same notification (and each of Alipay's retries of it) always gets the same id. */
function eventId(notifyId: string, tradeStatus: string): string {
  const id = `alipay-${notifyId}-${tradeStatus}`;
  return DEDUPLICATION_ID.test(id) ? id : `alipay-${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/** An optional Alipay GMT+8 time as ISO UTC; null when present but not a time. */
function isoTime(text: string | undefined): string | undefined | null {
  if (text === undefined) return undefined;
  return fromAlipayTime(text)?.toISOString() ?? null;
}

/**
 * TRADE_CLOSED is also a paid trade refunded in full (§1.4); that notify carries the refund
 * (out_biz_no, gmt_refund, refund_fee, §1.5) and the payment's gmt_payment. Read as CLOSED it would
 * close a payment that was paid. refund_fee alone proves nothing: notifies carry `0.00` (§1.8).
 */
function closedByRefund(params: Record<string, string>): boolean {
  const refundFee = params.refund_fee === undefined ? 0 : fromDecimalString(params.refund_fee, 'CNY');
  return isRefundNotify(params) || Boolean(params.gmt_payment) || refundFee !== 0;
}

/**
 * Whose notify this is. app_id is the calling app's: in ISV mode the service provider's, shared by
 * all its sub-merchants, so the sub-merchant is told by seller_id and auth_app_id (its own app),
 * and an ISV config that names neither cannot tell its notifies from another sub-merchant's.
 */
function merchantMismatch(config: AlipayConfig, params: Record<string, string>): string | undefined {
  if (params.app_id !== config.appId) return `app_id ${params.app_id} is not ${config.appId}`;
  if (config.sellerId !== undefined && params.seller_id !== config.sellerId) return `seller_id ${params.seller_id ?? '(none)'} is not ${config.sellerId}`;
  if (config.mode !== 'isv') return undefined;
  if (config.authAppId !== undefined && params.auth_app_id !== config.authAppId) return `auth_app_id ${params.auth_app_id ?? '(none)'} is not ${config.authAppId}`;
  if (config.sellerId === undefined && config.authAppId === undefined) return 'the ISV config names no sub-merchant (sellerId or authAppId) to check the notify against';
  return undefined;
}

/**
 * No clock window applies: a notify carries no freshness proof and Alipay's retries arrive up to
 * 25 h later with the same signature. A replay is harmless: it gets
 * the same eventId as the original.
 */
export function verifyCallback(config: AlipayConfig, request: CallbackRequest): CallbackVerdict {
  const form = formCallback(request, REQUIRED);
  if (!form.ok) return form;
  const { params } = form;
  if (params.notify_type !== 'trade_status_sync') return fail('malformed', `notify_type ${params.notify_type} is not trade_status_sync`);
  if (params.sign_type !== 'RSA2') return fail('malformed', `sign_type ${params.sign_type} is not RSA2`);
  // The body was decoded as UTF-8; a notify that says it is GBK would not be the text Alipay signed.
  if (params.charset !== undefined && params.charset.toLowerCase() !== 'utf-8') return fail('malformed', `charset ${params.charset} is not utf-8`);

  if (!verifyNotify(params, config.alipayPublicKey)) return fail('bad_signature', 'sign does not verify with the Alipay public key');

  const wrongMerchant = merchantMismatch(config, params);
  if (wrongMerchant) return fail('wrong_merchant', wrongMerchant);

  const providerStatus = params.trade_status!;
  const status = STATUSES.get(providerStatus);
  if (status === undefined) return fail('malformed', `unknown trade_status ${providerStatus}`);
  if (status === 'unsupported') return fail('unsupported', `trade_status ${providerStatus} is not a payment outcome`);

  const amount = fromDecimalString(params.total_amount!, 'CNY');
  if (amount === undefined || amount < 0) return fail('malformed', `total_amount ${params.total_amount} is not a CNY amount`);
  const paidAt = isoTime(params.gmt_payment);
  const notifiedAt = isoTime(params.notify_time);
  if (paidAt === null || notifiedAt === null) return fail('malformed', 'gmt_payment or notify_time is not yyyy-MM-dd HH:mm:ss');
  // A refund reported on the trade's notify (refund-notify.ts); a paid trade closed without naming its refund is nothing to apply.
  if (isRefundNotify(params) || (status === 'CLOSED' && closedByRefund(params))) {
    const refundedAt = isoTime(params.gmt_refund?.slice(0, 19));
    if (refundedAt === null) return fail('malformed', `gmt_refund ${params.gmt_refund} is not a time`);
    return refundVerdict(params, eventId(params.notify_id!, providerStatus), amount, refundedAt ?? notifiedAt);
  }

  return {
    ok: true,
    event: {
      eventId: eventId(params.notify_id!, providerStatus),
      payNo: params.out_trade_no!,
      channel: 'alipay',
      status,
      providerStatus,
      providerTradeNo: params.trade_no || undefined,
      amount,
      currency: 'CNY',
      paidAt,
      notifiedAt,
    },
  };
}
