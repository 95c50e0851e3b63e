/**
 * The sandbox's refund (退货, txnType 04) outcomes (PROTOCOLS.md §3.3): backTransReq.do only
 * accepts a refund (respCode 00); it settles a moment later as its plan says (refund-plan.ts),
 * and UnionPay then POSTs the signed refund notification to the refund's backUrl. queryTrans.do
 * answers for the refund's own orderId + txnTime, origRespCode 05 while it is processed. Hooks:
 *   POST /sandbox/refund-plan {"settle"?: "00"|"01"|"hold", "notify"?, "merchant"?: merId, "count"?}
 *   GET  /sandbox/refunds/{orderId}                        the refund
 *   POST /sandbox/refunds/{orderId} {"respCode": "00"|"01", "notify"?: boolean}   settles a held refund now
 *   POST /sandbox/refunds/{orderId}/notifications {"send"?: boolean} → {body, headers, url}
 */
import { HookError } from '../http.ts';
import { REFUND_SETTLE_DELAY_MS, refundHooks } from '../refund-plan.ts';
import type { GatewayState } from './gateway.ts';
import { formBody, NOTIFY_CONTENT_TYPE, refundNotification, refundResult } from './notification.ts';
import type { Notifier } from './notifier.ts';
import type { SandboxOrder, SandboxRefund } from './orders.ts';
import type { Signer } from './protocol.ts';
import { listing } from './trade-hooks.ts';

/** The outcomes a refund settles with (respCode): 00 success, 01 failed. */
export const REFUND_OUTCOMES = ['00', '01'];

/** queryTrans.do's fields for a refund order: origRespCode is the refund's own state (§3.3). */
export function refundQueryFields(refund: SandboxRefund): Record<string, string> {
  const orig = refundResult(refund.respCode ?? '05');
  return {
    txnType: '04',
    txnSubType: '00',
    origRespCode: orig.respCode,
    origRespMsg: orig.respMsg,
    origQryId: refund.origQryId,
    queryId: refund.queryId,
    txnAmt: refund.txnAmt,
    currencyCode: '156',
    ...(refund.reqReserved === undefined ? {} : { reqReserved: refund.reqReserved }),
  };
}

export function refundOutcomes(state: GatewayState, notifier: Notifier, signer: Signer) {
  const timers = new Set<NodeJS.Timeout>();

  function notify(order: SandboxOrder, refund: SandboxRefund, send = true): string {
    if (!refund.backUrl) throw new HookError(409, `refund ${refund.orderId} was asked for without backUrl`);
    const body = formBody(refundNotification(order, refund, signer));
    if (send) notifier.send({ listing: listing(order), txnType: '04', url: refund.backUrl, body });
    return body;
  }

  /** A refund just accepted: it settles after the delay unless held, and notifies as planned. */
  function onRefund(order: SandboxOrder, refund: SandboxRefund): void {
    const settle = refund.plan?.settle ?? '00';
    if (settle === 'hold') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (refund.respCode !== undefined) return;
      refund.respCode = settle;
      if (refund.plan?.notify !== false && refund.backUrl) notify(order, refund);
    }, REFUND_SETTLE_DELAY_MS);
    timers.add(timer);
  }

  function find(orderId: string): { order: SandboxOrder; refund: SandboxRefund } {
    for (const order of state.orders.find(() => true)) {
      const refund = order.refunds.find((r) => r.orderId === orderId);
      if (refund) return { order, refund };
    }
    throw new HookError(404, `no such refund: ${orderId}`);
  }

  const route = refundHooks(state.refundPlans, {
    field: 'respCode',
    find,
    view: ({ refund }) => refund,
    settle({ order, refund }, respCode, send) {
      if (refund.respCode !== undefined) throw new HookError(409, `refund ${refund.orderId} is already settled (${refund.respCode})`);
      refund.respCode = respCode;
      if (send) notify(order, refund);
    },
    notification({ order, refund }, send) {
      if (refund.respCode === undefined) throw new HookError(409, `refund ${refund.orderId} is still being processed`);
      return { body: notify(order, refund, send), headers: { 'content-type': NOTIFY_CONTENT_TYPE }, url: refund.backUrl };
    },
  });

  return {
    onRefund,
    route,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
