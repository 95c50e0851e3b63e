/**
 * Close and sync (ARCHITECTURE.md §5 flows 4-5, issue 6): the merchant asks payee to close an
 * unpaid payment at the provider, or to ask the provider about it now; the reconciler
 * (reconcile.ts) closes and queries through the same two functions. Provider facts win over
 * local intent: a payment the buyer paid meanwhile ends SUCCEEDED, never CLOSED; a timeout or 5xx
 * changes nothing (never FAILED).
 */
import { createHash } from 'node:crypto';
import type { ChannelCall, PaymentEvent, ProviderPayment } from '../channels/channel.ts';
import type { PaymentResource } from '../api/payment-schema.ts';
import { applyPaymentEvent, type Applied } from '../callbacks/apply-event.ts';
import { Conflict } from '../domain/errors.ts';
import type { Payment } from '../domain/payment.ts';
import { allowedFrom } from '../domain/status-machine.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import type { EventQueue } from '../queue/event-queue.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import type { GroupStore } from '../store/group-store.ts';
import { settleGroup } from '../groups/settle-group.ts';
import { channelCallFor } from './pay-config.ts';
import { toResource } from './payment-resource.ts';
import { paymentOfCompany } from './visibility.ts';
import { providerRefOf } from './provider-ref.ts';

export interface LifecycleDeps {
  payments: PaymentStore;
  /** When given, a group member's close settles its group (lib/groups/settle-group.ts). */
  groups?: GroupStore;
  configs: ConfigStore;
  http: ProviderHttp;
  providerTimeoutMs: number;
  now: () => Date;
}

async function channelCall(deps: LifecycleDeps, payment: Payment) {
  const { channel, config } = await channelCallFor(deps.configs, payment);
  const call: ChannelCall<unknown> = { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
  return { channel, call };
}

/** A provider fact about the payment as the event the status worker applies. */
export function eventOf(payment: Payment, fact: ProviderPayment & { status: PaymentEvent['status'] }, eventId: string): PaymentEvent {
  return {
    eventId,
    payNo: payment.payNo,
    channel: payment.channel,
    status: fact.status,
    providerStatus: fact.providerStatus ?? fact.status,
    providerTradeNo: fact.providerTradeNo,
    amount: fact.amount ?? payment.amount,
    currency: fact.currency ?? payment.currency,
    paidAt: fact.paidAt?.toISOString(),
  };
}

export interface CloseResult {
  payment: PaymentResource;
  /** What the provider said: closed, or paid meanwhile. */
  outcome: 'closed' | 'paid';
  latePayment: boolean;
}

/**
 * POST /v1/payments/{payNo}/close. Only CREATED/PENDING payments; the provider first (closeOpenPayment).
 */
export async function closePayment(deps: LifecycleDeps, companyId: string, payNo: string): Promise<CloseResult> {
  const payment = await paymentOfCompany(deps.payments, companyId, payNo);
  if (!allowedFrom('CLOSED').includes(payment.status)) {
    throw new Conflict('payment_not_closable', `Payment ${payNo} is ${payment.status}; only CREATED or PENDING payments can be closed`);
  }
  const { outcome, applied } = await closeOpenPayment(deps, payment, 'merchant');
  return { payment: toResource(applied.payment), outcome, latePayment: applied.latePayment };
}

/** Who closes: the merchant (POST .../close) or the reconciler at expiresAt; the event says which. */
export type CloseCause = 'merchant' | 'expired';
const CLOSE_EVENT: Record<CloseCause, { prefix: string; providerStatus: string }> = {
  merchant: { prefix: 'close', providerStatus: 'CLOSED_BY_MERCHANT' },
  expired: { prefix: 'expire', providerStatus: 'EXPIRED' },
};

/**
 * Close an open payment at the provider first, then here. Both outcomes are applied like provider
 * events (applyPaymentEvent: the payment's write conditional on its version and from-state, then
 * the event item): a paid callback that lands between the provider's answer and this
 * write wins, and the close is recorded as ignored. ProviderUnavailable propagates (nothing
 * changed); a refusal is a Conflict.
 */
export async function closeOpenPayment(
  deps: LifecycleDeps,
  payment: Payment,
  cause: CloseCause,
): Promise<{ outcome: CloseResult['outcome']; applied: Applied }> {
  const { channel, call } = await channelCall(deps, payment);
  const answer = await channel.close(call, providerRefOf(payment));
  if (answer.outcome === 'refused') {
    throw new Conflict('provider_refused', `${channel.name} refused to close payment ${payment.payNo}: ${answer.code} ${answer.message}`.trim());
  }
  if (answer.outcome === 'paid') {
    // Exactly what the provider's paid callback would do; the same fact from the callback is then already_in_state.
    const event = eventOf(payment, { ...answer.payment, status: 'SUCCEEDED' }, `close-paid-${payment.payNo}`);
    return { outcome: 'paid', applied: await applyPaymentEvent(deps.payments, event, deps.now) };
  }
  const applied = await applyPaymentEvent(deps.payments, closedEvent(payment, cause), deps.now);
  if (deps.groups && payment.groupNo && applied.outcome === 'applied') await settleGroup({ ...deps, groups: deps.groups }, payment.groupNo);
  return { outcome: 'closed', applied };
}

/** The event of a payment closed at its provider (by the merchant, or at its expiry). */
export function closedEvent(payment: Payment, cause: CloseCause): PaymentEvent {
  const { prefix, providerStatus } = CLOSE_EVENT[cause];
  return {
    eventId: `${prefix}-${payment.payNo}`,
    payNo: payment.payNo,
    channel: payment.channel,
    status: 'CLOSED',
    providerStatus,
    providerTradeNo: payment.providerTradeNo,
    amount: payment.amount,
    currency: payment.currency,
  };
}

export interface SyncResult {
  payment: PaymentResource;
  provider: {
    status: ProviderPayment['status'];
    providerStatus?: string;
    providerTradeNo?: string;
    amount?: number;
    currency?: string;
    paidAt?: string;
  };
  /** The event put on the status queue, when the provider's answer is a fact to apply. */
  eventId?: string;
}

/** Same payment, provider status and provider trade → the same id: a repeated sync is deduplicated. */
export function syncEventId(payNo: string, providerStatus: string, providerTradeNo: string | undefined): string {
  const digest = createHash('sha256').update(`${payNo}\n${providerStatus}\n${providerTradeNo ?? ''}`).digest('hex').slice(0, 32);
  return `sync-${payNo}-${digest}`;
}

/**
 * POST /v1/payments/{payNo}/sync: ask the provider now (queryProvider); the reply shows the payment
 * as it is now and what the provider said.
 */
export async function syncPayment(deps: LifecycleDeps & { queue: EventQueue }, companyId: string, payNo: string): Promise<SyncResult> {
  const payment = await paymentOfCompany(deps.payments, companyId, payNo);
  const { fact, eventId } = await queryProvider(deps, payment);
  const provider: SyncResult['provider'] = {
    status: fact.status,
    providerStatus: fact.providerStatus,
    providerTradeNo: fact.providerTradeNo,
    amount: fact.amount,
    currency: fact.currency,
    paidAt: fact.paidAt?.toISOString(),
  };
  return { payment: toResource(payment), provider, ...(eventId ? { eventId } : {}) };
}

/**
 * Ask the provider about a payment. SUCCEEDED, CLOSED and REFUNDED facts go through the callbacks'
 * FIFO queue and status worker (ordered with the callbacks, applied once; the id is the same for
 * the same answer, so a merchant's sync and the reconciler's query are one event). A timeout or
 * 5xx is ProviderUnavailable: the payment stays as it is (never FAILED).
 */
export async function queryProvider(
  deps: LifecycleDeps & { queue: EventQueue },
  payment: Payment,
): Promise<{ fact: ProviderPayment; eventId?: string }> {
  const { channel, call } = await channelCall(deps, payment);
  const fact = await channel.query(call, providerRefOf(payment));
  if (fact.status !== 'SUCCEEDED' && fact.status !== 'CLOSED' && fact.status !== 'REFUNDED') return { fact };
  const status = fact.status;
  const event = eventOf(payment, { ...fact, status }, syncEventId(payment.payNo, fact.providerStatus ?? status, fact.providerTradeNo));
  await deps.queue.send(event);
  return { fact, eventId: event.eventId };
}
