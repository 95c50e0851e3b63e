/**
 * UnionPay's back notification (PROTOCOLS.md §3.2–3.3): a form POST to backUrl, signed by the
 * certificate it carries, verified and normalised into a PaymentEvent; and the replies UnionPay
 * understands.
 */
import { createHash } from 'node:crypto';
import { fail, formCallback } from '../callback.ts';
import type { CallbackRequest, CallbackVerdict, ProviderReply } from '../channel.ts';
import { verifyMessage } from './client.ts';
import type { UnionpayConfig } from './config.ts';
import { refundVerdict } from './refund-notify.ts';
import { fromAcpTime, fromTraceTime } from './time.ts';

/**
 * UnionPay looks only at the status: HTTP 200 ends its retries, anything else (or no answer within
 * 10 s) is retried (§3.3). The body `ok` is the demos' convention.
 */
export const callbackReplies: { accepted: ProviderReply; rejected: ProviderReply; retryLater: ProviderReply } = {
  accepted: { statusCode: 200, contentType: 'text/plain', body: 'ok' },
  rejected: { statusCode: 400, contentType: 'text/plain', body: 'fail' },
  retryLater: { statusCode: 503, contentType: 'text/plain', body: 'fail' },
};

const REQUIRED = ['merId', 'orderId', 'txnType', 'txnTime', 'respCode', 'queryId', 'txnAmt', 'signature'] as const;
/** `A6`: success with defects, which the official demos treat as success (§3.3). */
const SUCCESS = new Set(['00', 'A6']);
/** What SQS FIFO allows in a MessageDeduplicationId: 1–128 printable ASCII characters, no space. */
const DEDUPLICATION_ID = /^[\x21-\x7e]{1,128}$/;

/** Deduplicated by queryId + txnType (§5), plus respCode so a later, different outcome is not lost. */
function eventId(queryId: string, txnType: string, respCode: string): string {
  const id = `unionpay-${queryId}-${txnType}-${respCode}`;
  return DEDUPLICATION_ID.test(id) ? id : `unionpay-${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/**
 * No clock window applies: a notify carries no freshness proof (txnTime is the merchant's order
 * time) and UnionPay's retries repeat the same signed message. A replay gets the original's eventId.
 */
export function verifyCallback(config: UnionpayConfig, request: CallbackRequest, now: Date): CallbackVerdict {
  const form = formCallback(request, REQUIRED);
  if (!form.ok) return form;
  const { params } = form;
  if (params.encoding !== undefined && params.encoding.toUpperCase() !== 'UTF-8') return fail('malformed', `encoding ${params.encoding} is not UTF-8`);

  const problem = verifyMessage(config, params, now);
  if (problem) return fail('bad_signature', problem);
  if (params.merId !== config.merId) return fail('wrong_merchant', `merId ${params.merId} is not ${config.merId}`);

  const { txnType, respCode, queryId, orderId } = params as Record<(typeof REQUIRED)[number], string>;
  if (txnType === '04') return refundVerdict(params, eventId(queryId, txnType, respCode));
  if (txnType !== '01') return fail('unsupported', `txnType ${txnType} is not a consumption`);
  if (!SUCCESS.has(respCode)) return fail('unsupported', `respCode ${respCode} ${params.respMsg ?? ''} is not a payment`);
  if (params.currencyCode !== undefined && params.currencyCode !== '156') return fail('malformed', `currencyCode ${params.currencyCode} is not 156 (CNY)`);
  if (!/^\d{1,12}$/.test(params.txnAmt!)) return fail('malformed', `txnAmt ${params.txnAmt} is not an amount in fen`);
  const txnTime = fromAcpTime(params.txnTime!);
  if (!txnTime) return fail('malformed', `txnTime ${params.txnTime} is not yyyyMMddHHmmss`);
  const traceTime = params.traceTime === undefined ? txnTime : fromTraceTime(params.traceTime, txnTime);
  if (!traceTime) return fail('malformed', `traceTime ${params.traceTime} is not MMddHHmmss`);

  return {
    ok: true,
    event: {
      eventId: eventId(queryId, txnType, respCode),
      payNo: orderId,
      channel: 'unionpay',
      status: 'SUCCEEDED',
      providerStatus: respCode,
      providerTradeNo: queryId,
      amount: Number(params.txnAmt),
      currency: 'CNY',
      paidAt: traceTime.toISOString(),
    },
  };
}
