/**
 * A combine order's payment notification (PROTOCOLS.md §6): the v3 envelope and encryption of any
 * payment notification (notify.ts), its resource the combine object with every sub-order's state.
 * One event per paid sub-order, each with an id of its own (the notification's id and the
 * sub-order), so WeChat's retries and a sub-order's own query answer deduplicate per payment.
 */
import * as z from 'zod/mini';
import { fail } from '../callback.ts';
import type { CallbackFailure, PaymentEvent } from '../channel.ts';
import type { WechatConfig } from './config.ts';
import { fromWechatTime } from './time.ts';

const combineSchema = z.looseObject({
  combine_appid: z.string(),
  combine_mchid: z.string(),
  combine_out_trade_no: z.string(),
  sub_orders: z.array(
    z.looseObject({
      mchid: z.string(),
      out_trade_no: z.string().check(z.minLength(1)),
      trade_state: z.string(),
      transaction_id: z.optional(z.string()),
      success_time: z.optional(z.string()),
      amount: z.looseObject({ total_amount: z.number().check(z.int(), z.nonnegative()), currency: z.optional(z.string()) }),
    }),
  ).check(z.minLength(1)),
});

export const isCombine = (resource: unknown): boolean => typeof resource === 'object' && resource !== null && 'combine_out_trade_no' in resource;

export function combineVerdict(
  config: WechatConfig,
  resource: unknown,
  notification: { create_time?: string },
  eventId: (suffix: string) => string,
): { ok: true; events: PaymentEvent[] } | { ok: true; acknowledged: string } | CallbackFailure {
  const parsed = combineSchema.safeParse(resource);
  if (!parsed.success) return fail('malformed', 'resource is not a combine transaction (combine_out_trade_no, sub_orders)');
  const combine = parsed.data;
  if (config.mode === 'partner' || combine.combine_mchid !== config.mchid || combine.combine_appid !== config.appid) {
    return fail('wrong_merchant', `combine_mchid ${combine.combine_mchid} / combine_appid ${combine.combine_appid} are not this config's`);
  }
  const foreign = combine.sub_orders.find((s) => s.mchid !== config.mchid);
  if (foreign) return fail('wrong_merchant', `sub-order ${foreign.out_trade_no} is of mchid ${foreign.mchid}`);
  const notifiedAt = notification.create_time === undefined ? undefined : fromWechatTime(notification.create_time);
  const events: PaymentEvent[] = [];
  for (const sub of combine.sub_orders.filter((s) => s.trade_state === 'SUCCESS')) {
    const paidAt = sub.success_time === undefined ? undefined : fromWechatTime(sub.success_time);
    if (sub.success_time !== undefined && !paidAt) return fail('malformed', `success_time of ${sub.out_trade_no} is not RFC 3339`);
    events.push({
      eventId: eventId(sub.out_trade_no),
      payNo: sub.out_trade_no,
      channel: 'wechat',
      status: 'SUCCEEDED',
      providerStatus: sub.trade_state,
      providerTradeNo: sub.transaction_id || undefined,
      amount: sub.amount.total_amount,
      currency: sub.amount.currency ?? 'CNY',
      paidAt: paidAt?.toISOString(),
      notifiedAt: notifiedAt?.toISOString(),
    });
  }
  return events.length > 0 ? { ok: true, events } : { ok: true, acknowledged: `combine ${combine.combine_out_trade_no} has no paid sub-order` };
}
