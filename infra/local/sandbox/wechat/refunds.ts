/**
 * The sandbox's refund outcomes (PROTOCOLS.md §2.3 "Refund notifications"): a refund settles a
 * moment after it is asked for, as its plan says (refund-plan.ts), and WeChat then POSTs
 * REFUND.SUCCESS / REFUND.ABNORMAL / REFUND.CLOSED to the refund's notify_url, signed and with the
 * refund resource encrypted (AAD and original_type `refund`). Hooks:
 *   POST /sandbox/refund-plan {"settle"?: "SUCCESS"|"ABNORMAL"|"CLOSED"|"hold", "notify"?, "merchant"?: mchid, "count"?}
 *   GET  /sandbox/refunds/{out_refund_no}                     the refund and its trade
 *   POST /sandbox/refunds/{out_refund_no} {"status": "SUCCESS"|"ABNORMAL"|"CLOSED", "notify"?: boolean}
 *        settles a held refund now (notifies unless notify is false)
 *   POST /sandbox/refunds/{out_refund_no}/notifications {"send"?: boolean} → {id, body, headers, url}
 *        the notification of its outcome, sent unless send is false
 */
import { randomUUID } from 'node:crypto';
import { HookError } from '../http.ts';
import { REFUND_SETTLE_DELAY_MS, refundHooks, RefundPlans } from '../refund-plan.ts';
import type { Notifier, Outgoing } from './notifier.ts';
import { chinaTime, encryptResource, signatureHeaders } from './protocol.ts';
import { merchantIds, REFUND_STATUSES, type RefundStatus, type SandboxMerchant, type SandboxRefund, type SandboxTrade, type TradeStore } from './trades.ts';

const SETTLED: readonly RefundStatus[] = REFUND_STATUSES.filter((s) => s !== 'PROCESSING');
const SUMMARY: Record<string, string> = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' };

/** A REFUND.* notification of a settled refund: one `id` and body for all its deliveries. */
function refundNotification(trade: SandboxTrade, refund: SandboxRefund, merchant: SandboxMerchant, url: string): Outgoing {
  const id = randomUUID();
  const resource = {
    ...merchantIds(trade, false),
    out_trade_no: trade.outTradeNo,
    transaction_id: trade.transactionId,
    out_refund_no: refund.out_refund_no,
    refund_id: refund.refund_id,
    refund_status: refund.status,
    ...(refund.status === 'SUCCESS' ? { success_time: chinaTime(new Date()) } : {}),
    user_received_account: '支付用户零钱',
    amount: { total: trade.total, refund: refund.amount, payer_total: trade.total, payer_refund: refund.amount },
  };
  const eventType = `REFUND.${refund.status}`;
  const body = JSON.stringify({
    id,
    create_time: chinaTime(new Date()),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: SUMMARY[refund.status],
    resource: encryptResource(JSON.stringify(resource), merchant.apiV3Key, 'refund', 'refund'),
  });
  const headers = () => {
    const key = merchant.platform[Math.floor(Math.random() * merchant.platform.length)]!;
    return signatureHeaders(body, key.serial, key.privateKey);
  };
  return { id, eventType, listing: `${trade.mchid}/${trade.outTradeNo}`, url, body, headers };
}

export function refundOutcomes(trades: TradeStore, merchants: Map<string, SandboxMerchant>, notifier: Notifier) {
  const plans = new RefundPlans(SETTLED, 'SUCCESS');
  const timers = new Set<NodeJS.Timeout>();

  function notify(trade: SandboxTrade, refund: SandboxRefund, send = true): Outgoing {
    if (!refund.notifyUrl) throw new HookError(409, `refund ${refund.out_refund_no} was asked for without notify_url`);
    const outgoing = refundNotification(trade, refund, merchants.get(trade.spMchid ?? trade.mchid)!, refund.notifyUrl);
    if (send) notifier.send(outgoing);
    return outgoing;
  }

  /** A new refund: it settles by itself after the delay, unless held, and notifies as planned. */
  function onRefund(trade: SandboxTrade, refund: SandboxRefund): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      trades.refresh(trade, new Date());
      if (refund.status !== 'PROCESSING' && refund.plan?.notify !== false && refund.notifyUrl) notify(trade, refund);
    }, REFUND_SETTLE_DELAY_MS + 20);
    timers.add(timer);
  }

  function find(outRefundNo: string): { trade: SandboxTrade; refund: SandboxRefund } {
    for (const trade of trades.find(() => true)) {
      const refund = trade.refunds.find((r) => r.out_refund_no === outRefundNo);
      if (refund) return { trade: trades.refresh(trade, new Date()), refund };
    }
    throw new HookError(404, `no such refund: ${outRefundNo}`);
  }

  const route = refundHooks(plans, {
    field: 'status',
    find,
    view: ({ trade, refund }) => ({ refund, outTradeNo: trade.outTradeNo }),
    settle({ trade, refund }, status, send) {
      if (refund.status !== 'PROCESSING') throw new HookError(409, `refund ${refund.out_refund_no} is already ${refund.status}`);
      refund.status = status as RefundStatus;
      if (send) notify(trade, refund);
    },
    notification({ trade, refund }, send) {
      if (refund.status === 'PROCESSING') throw new HookError(409, `refund ${refund.out_refund_no} is still PROCESSING`);
      const outgoing = notify(trade, refund, send);
      return { id: outgoing.id, body: outgoing.body, headers: { 'Content-Type': 'application/json', ...outgoing.headers() }, url: outgoing.url };
    },
  });

  return {
    plans,
    onRefund,
    route,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
