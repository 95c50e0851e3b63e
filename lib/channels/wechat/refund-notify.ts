/**
 * WeChat Pay refund notifications (PROTOCOLS.md §2.3 "Refund notifications"): REFUND.SUCCESS,
 * REFUND.ABNORMAL and REFUND.CLOSED to the refund's notify_url, signed and encrypted exactly as
 * payment notifications are (notify.ts verifies and decrypts), with `original_type` refund and a
 * refund resource: mchid, out_trade_no, out_refund_no (payee's refundNo), refund_id, refund_status,
 * amount {total, refund}; a 服务商's carries sp_mchid and sub_mchid instead. It carries no appid
 * (opendocs 退款结果通知), so only the merchant ids are checked.
 */
import * as z from 'zod/mini';
import { fail } from '../callback.ts';
import type { CallbackFailure, RefundEvent } from '../channel.ts';
import type { WechatConfig } from './config.ts';
import { resourceMismatch } from './partner.ts';
import { fromWechatTime } from './time.ts';

export const REFUND_EVENT_TYPES = new Set(['REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED']);

/** refund_status (§2.4): SUCCESS settles it; ABNORMAL (the buyer's account cannot take it) and CLOSED end it unrefunded. */
export const REFUND_STATUS: Record<string, 'SUCCEEDED' | 'FAILED' | 'PROCESSING'> = {
  SUCCESS: 'SUCCEEDED',
  PROCESSING: 'PROCESSING',
  ABNORMAL: 'FAILED',
  CLOSED: 'FAILED',
};

const refundResource = z.looseObject({
  out_trade_no: z.string().check(z.minLength(1)),
  out_refund_no: z.string().check(z.minLength(1)),
  refund_id: z.optional(z.string()),
  refund_status: z.string(),
  success_time: z.optional(z.string()),
  amount: z.looseObject({ total: z.number().check(z.int(), z.nonnegative()), refund: z.number().check(z.int(), z.positive()), currency: z.optional(z.string()) }),
});

/** The decrypted refund resource of a verified notification, normalised. */
export function refundVerdict(
  config: WechatConfig,
  notification: { event_type: string; create_time?: string },
  resource: unknown,
  eventId: string,
): { ok: true; refund: RefundEvent } | CallbackFailure {
  const parsed = refundResource.safeParse(resource);
  if (!parsed.success) return fail('malformed', 'resource is not a refund (out_trade_no, out_refund_no, refund_status, amount)');
  const refund = parsed.data;
  const wrongMerchant = resourceMismatch(config, refund, false);
  if (wrongMerchant) return fail('wrong_merchant', wrongMerchant);
  const status = REFUND_STATUS[refund.refund_status];
  // The event type and the resource must say the same thing: a REFUND.SUCCESS carrying CLOSED is not genuine WeChat.
  if (!status || status === 'PROCESSING' || `REFUND.${refund.refund_status}` !== notification.event_type) {
    return fail('malformed', `${notification.event_type} with refund_status ${refund.refund_status}`);
  }
  const at = refund.success_time ?? notification.create_time;
  const notifiedAt = at === undefined ? undefined : fromWechatTime(at);
  if (at !== undefined && !notifiedAt) return fail('malformed', 'success_time or create_time is not RFC 3339');
  return {
    ok: true,
    refund: {
      kind: 'refund',
      eventId,
      payNo: refund.out_trade_no,
      refundNo: refund.out_refund_no,
      channel: 'wechat',
      status,
      providerStatus: refund.refund_status,
      providerRefundNo: refund.refund_id || undefined,
      amount: refund.amount.refund,
      currency: refund.amount.currency ?? 'CNY',
      tradeAmount: refund.amount.total,
      notifiedAt: notifiedAt?.toISOString(),
    },
  };
}
