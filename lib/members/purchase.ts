/**
 * Support plans paid through payee itself: the site is payee's first merchant. Buying creates a
 * payment through payee's merchant API with the site's own key (Alipay QR or WeChat Pay Native)
 * and a notifyUrl at the member API; the plan turns active only when payee's notification of the
 * payment's success arrives with a valid Payee-Signature (docs/notifications.md), for the
 * order's exact amount, once.
 */
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { SIGNATURE_HEADER, verifyNotification } from '../notify/signature.ts';
import { logger } from '../observability/logger.ts';
import { MemberError, notFound } from './errors.ts';
import { PAID_PLANS, PLAN_METHODS, PLANS } from './plans.ts';
import { qrImage } from './qr-image.ts';
import { requireRole } from './roles.ts';
import { accountOf, type RequestContext } from './service.ts';
import type { MemberStore, Order, User } from './store.ts';

/** The site as a payee merchant. */
export interface SiteMerchant {
  apiUrl: string;
  apiKey: string;
  notifySecret: string;
}

export const buyPlanBody = z.strictObject({ plan: z.enum(PAID_PLANS), method: z.enum(PLAN_METHODS) });
export const NOTIFY_PATH = '/plans/notify';

export class PurchaseService {
  constructor(
    private readonly store: MemberStore,
    private readonly merchant: SiteMerchant,
  ) {}

  async buy(actor: User, input: z.infer<typeof buyPlanBody>, ctx: RequestContext): Promise<{ outTradeNo: string; payNo: string; amount: number; currency: string; qrCode: string; qrImage: string }> {
    requireRole(actor.role, 'buyPlans');
    const plan = PLANS.find((p) => p.id === input.plan)!;
    const outTradeNo = `S${ulid()}`;
    const res = await fetch(`${this.merchant.apiUrl}/v1/payments`, {
      method: 'POST',
      headers: { 'x-api-key': this.merchant.apiKey, 'content-type': 'application/json', 'idempotency-key': outTradeNo },
      body: JSON.stringify({ method: input.method, outTradeNo, subject: `payee ${plan.id} support, ${plan.months} months`, amount: plan.amount, currency: plan.currency, notifyUrl: `${ctx.siteUrl}/api/members${NOTIFY_PATH}` }),
      signal: AbortSignal.timeout(15_000),
    });
    const payment = (await res.json().catch(() => ({}))) as { payNo?: string; action?: { type: string; value: string }; error?: { message: string } };
    if (!res.ok || !payment.payNo || payment.action?.type !== 'qr_code') {
      logger.error('member plan: payment not created', { event: 'member.plan_error', status: res.status, error: payment.error?.message });
      throw new MemberError(502, 'payment_unavailable', 'The payment could not be created; try again');
    }
    await this.store.putOrder({ outTradeNo, payNo: payment.payNo, account: accountOf(actor), planId: plan.id, amount: plan.amount, currency: plan.currency, months: plan.months, status: 'PENDING', createdAt: new Date().toISOString() });
    logger.info('member plan ordered', { event: 'member.plan_ordered', userId: actor.userId, outTradeNo, plan: plan.id });
    return { outTradeNo, payNo: payment.payNo, amount: plan.amount, currency: plan.currency, qrCode: payment.action.value, qrImage: qrImage(payment.action.value) };
  }

  /** The account's own order (another's is absent). */
  async order(actor: User, outTradeNo: string): Promise<Pick<Order, 'outTradeNo' | 'planId' | 'status' | 'amount' | 'currency'>> {
    const order = await this.store.order(outTradeNo);
    if (!order || order.account !== accountOf(actor)) throw notFound('order', 'outTradeNo');
    const { planId, status, amount, currency } = order;
    return { outTradeNo, planId, status, amount, currency };
  }

  /** payee's notification: verified, then the order paid and its plan activated once. */
  async notify(headers: Record<string, string | undefined>, rawBody: string): Promise<void> {
    const header = headers[SIGNATURE_HEADER.toLowerCase()] ?? '';
    if (!verifyNotification(this.merchant.notifySecret, header, rawBody, Math.floor(Date.now() / 1000))) {
      logger.warn('member plan: notification refused', { event: 'member.plan_notify', outcome: 'bad_signature' });
      throw new MemberError(400, 'signature_invalid', `${SIGNATURE_HEADER} does not verify`, SIGNATURE_HEADER);
    }
    const event = JSON.parse(rawBody) as { type?: string; data?: { outTradeNo?: string; payNo?: string; status?: string; amount?: number; currency?: string } };
    const data = event.data ?? {};
    if (data.status !== 'SUCCEEDED' || !data.outTradeNo) return;
    const order = await this.store.order(data.outTradeNo);
    if (!order || order.payNo !== data.payNo) return;
    if (order.amount !== data.amount || order.currency !== data.currency) {
      logger.error('member plan: paid amount differs from the order', { event: 'member.plan_notify', outcome: 'amount_mismatch', outTradeNo: order.outTradeNo });
      return;
    }
    if (!(await this.store.markOrderPaid(order.outTradeNo))) return;
    const user = await this.store.user(order.account);
    const from = user?.plan && user.plan.activeUntil > new Date().toISOString() ? new Date(user.plan.activeUntil) : new Date();
    from.setUTCMonth(from.getUTCMonth() + order.months);
    await this.store.setPlan(order.account, { id: order.planId, activeUntil: from.toISOString() });
    logger.info('member plan active', { event: 'member.plan_active', userId: order.account, outTradeNo: order.outTradeNo, plan: order.planId });
  }

}
