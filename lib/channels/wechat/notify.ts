/**
 * WeChat Pay payment notifications (PROTOCOLS.md §2.2, §2.3): a JSON POST signed with a platform
 * key, its `resource` encrypted with the APIv3 key; verified, decrypted and normalised.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { fail } from '../callback.ts';
import type { CallbackFailure, CallbackRequest, PaymentEvent, ProviderReply, RefundEvent } from '../channel.ts';
import { decryptResource } from './aead.ts';
import type { WechatConfig } from './config.ts';
import { resourceMismatch } from './partner.ts';
import { REFUND_EVENT_TYPES, refundVerdict } from './refund-notify.ts';
import { checkSigned } from './sign.ts';
import { combineVerdict, isCombine } from './combine-notify.ts';
import { fromWechatTime } from './time.ts';

/**
 * The HTTP status decides (§2.3): 200/204 ends the retries, 4xx/5xx with `{"code":"FAIL",...}` does
 * not. 204 because nothing needs saying.
 */
export const callbackReplies: { accepted: ProviderReply; rejected: ProviderReply; retryLater: ProviderReply } = {
  accepted: { statusCode: 204, contentType: 'application/json', body: '' },
  rejected: { statusCode: 400, contentType: 'application/json', body: '{"code":"FAIL","message":"rejected"}' },
  retryLater: { statusCode: 503, contentType: 'application/json', body: '{"code":"FAIL","message":"retry later"}' },
};

const notificationSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  create_time: z.optional(z.string()),
  event_type: z.string(),
  resource_type: z.optional(z.string()),
  resource: z.looseObject({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.optional(z.string()),
    original_type: z.optional(z.string()),
  }),
});

// mchid/appid (direct) or sp_mchid/sub_mchid/sp_appid (partner): partner.ts checks them.
const transactionSchema = z.looseObject({
  out_trade_no: z.string().check(z.minLength(1)),
  transaction_id: z.optional(z.string()),
  trade_state: z.string(),
  success_time: z.optional(z.string()),
  amount: z.looseObject({ total: z.number().check(z.int(), z.nonnegative()), currency: z.optional(z.string()) }),
});

/** What SQS FIFO allows in a MessageDeduplicationId: 1–128 printable ASCII characters, no space. */
const DEDUPLICATION_ID = /^[\x21-\x7e]{1,128}$/;

/** WeChat keeps the notification `id` across its retries (§5 idempotency). */
function eventId(id: string): string {
  const candidate = `wechat-${id}`;
  return DEDUPLICATION_ID.test(candidate) ? candidate : `wechat-${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/**
 * Reasons: a signature that does not verify (unknown serial, probe, forged) or a resource whose GCM
 * tag fails is `bad_signature`; a genuine notification outside ±300 s (a replay: WeChat signs every
 * retry afresh) and anything of the wrong shape is `malformed`; a transaction of another mchid or
 * appid (sp_mchid, sub_mchid, sp_appid under a 服务商) is `wrong_merchant`; REFUND.SUCCESS/ABNORMAL/CLOSED are refunds (refund-notify.ts); other
 * event types are `unsupported`.
 */
export function verifyCallback(
  config: WechatConfig,
  request: CallbackRequest,
  now: Date,
): { ok: true; event: PaymentEvent } | { ok: true; events: PaymentEvent[] } | { ok: true; refund: RefundEvent } | { ok: true; acknowledged: string } | CallbackFailure {
  const check = checkSigned((name) => request.headers[name], request.rawBody, config.platformKeys, now);
  if (!check.ok) return fail(check.problem === 'missing' || check.problem === 'stale' ? 'malformed' : 'bad_signature', check.detail);

  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    return fail('malformed', 'body is not JSON');
  }
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) return fail('malformed', 'not a WeChat Pay notification (id, event_type, resource)');
  const notification = parsed.data;
  const isRefund = REFUND_EVENT_TYPES.has(notification.event_type);
  if (notification.event_type !== 'TRANSACTION.SUCCESS' && !isRefund) return fail('unsupported', `event_type ${notification.event_type} is not handled`);
  if (notification.resource.algorithm !== 'AEAD_AES_256_GCM') return fail('malformed', `resource algorithm ${notification.resource.algorithm}`);

  const plaintext = decryptResource(notification.resource, config.apiV3Key);
  if (plaintext === undefined) return fail('bad_signature', 'resource does not decrypt with the APIv3 key');
  let transactionJson: unknown;
  try {
    transactionJson = JSON.parse(plaintext);
  } catch {
    return fail('malformed', 'resource plaintext is not JSON');
  }
  if (isRefund) return refundVerdict(config, notification, transactionJson, eventId(notification.id));
  if (isCombine(transactionJson)) return combineVerdict(config, transactionJson, notification, (subOrder) => eventId(`${notification.id}-${subOrder}`));
  const transaction = transactionSchema.safeParse(transactionJson);
  if (!transaction.success) return fail('malformed', 'resource is not a transaction (out_trade_no, trade_state, amount)');
  const trade = transaction.data;
  const wrongMerchant = resourceMismatch(config, trade, true);
  if (wrongMerchant) return fail('wrong_merchant', wrongMerchant);
  if (trade.trade_state !== 'SUCCESS') return fail('malformed', `TRANSACTION.SUCCESS with trade_state ${trade.trade_state}`);

  const paidAt = trade.success_time === undefined ? undefined : fromWechatTime(trade.success_time);
  const notifiedAt = notification.create_time === undefined ? undefined : fromWechatTime(notification.create_time);
  if ((trade.success_time !== undefined && !paidAt) || (notification.create_time !== undefined && !notifiedAt)) {
    return fail('malformed', 'success_time or create_time is not RFC 3339');
  }
  return {
    ok: true,
    event: {
      eventId: eventId(notification.id),
      payNo: trade.out_trade_no,
      channel: 'wechat',
      status: 'SUCCEEDED',
      providerStatus: trade.trade_state,
      providerTradeNo: trade.transaction_id || undefined,
      amount: trade.amount.total,
      currency: trade.amount.currency ?? 'CNY',
      paidAt: paidAt?.toISOString(),
      notifiedAt: notifiedAt?.toISOString(),
    },
  };
}
