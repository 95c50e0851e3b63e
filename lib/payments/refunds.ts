/**
 * Refunds (ARCHITECTURE.md §3 Refund, issue 6): one transaction stores the refund PENDING, the
 * Idempotency-Key claim, and takes its amount off the payment's refundableAmount under the
 * condition `refundableAmount >= amount`, so concurrent refunds can never exceed what was paid.
 * Then the provider: succeeded → the refund SUCCEEDED and the payment PARTIALLY_REFUNDED or
 * REFUNDED (conditional on version and status); processing → PROCESSING (the outcome comes later
 * from a refund callback or query: not built yet); refused → FAILED and the amount given back in
 * one transaction; unknown (timeout, 5xx) → it stays PENDING with the amount reserved, 503, and a
 * retry with the same Idempotency-Key resumes it with the same refundNo (the provider's own
 * idempotency key for the refund).
 */
import type { RefundOutcome } from '../channels/channel.ts';
import type { CreateRefundBody, RefundResource } from '../api/refund-schema.ts';
import { Conflict, InvalidRequest, ProviderUnavailable } from '../domain/errors.ts';
import { newRefundNo } from '../domain/ids.ts';
import type { Payment } from '../domain/payment.ts';
import type { Refund } from '../domain/refund.ts';
import { allowedFrom, canTransition, type PaymentStatus } from '../domain/status-machine.ts';
import type { RefundStore } from '../store/refund-store.ts';
import { claimFor, resumeClaim } from './idempotency.ts';
import { paymentOfCompany, type LifecycleDeps } from './payment-lifecycle.ts';
import { channelCallFor } from './pay-config.ts';

export interface RefundDeps extends LifecycleDeps {
  refunds: RefundStore;
  /** How long a refund may hold its Idempotency-Key before another request may take over. */
  leaseMs: number;
}

export interface CreateRefundInput {
  companyId: string;
  payNo: string;
  body: CreateRefundBody;
  idempotencyKey?: string;
  publicBaseUrl: string;
}

export type CreateRefundResult =
  | { kind: 'created'; refund: RefundResource; outcome: RefundOutcome['outcome'] }
  | { kind: 'replayed'; statusCode: number; body: unknown };

/** The payment states a refund may start from: those that may move to REFUNDED. */
const REFUNDABLE = allowedFrom('REFUNDED');

export function toRefundResource(r: Refund): RefundResource {
  return {
    refundNo: r.refundNo,
    payNo: r.payNo,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    providerRefundNo: r.providerRefundNo,
    failure: r.failure,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export async function createRefund(deps: RefundDeps, input: CreateRefundInput): Promise<CreateRefundResult> {
  const { companyId, body } = input;
  const payment = await paymentOfCompany(deps.payments, companyId, input.payNo);
  const now = deps.now();
  // The path is part of the request: the same key and body for another payment is another request.
  const claim = claimFor(companyId, input.idempotencyKey, { refund: payment.payNo, ...body }, now, deps.leaseMs);

  let refund: Refund = {
    refundNo: newRefundNo(),
    payNo: payment.payNo,
    companyId,
    amount: body.amount,
    currency: payment.currency,
    reason: body.reason,
    status: 'PENDING',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };

  const inserted = await deps.refunds.insert(refund, REFUNDABLE, claim);
  if (!inserted.ok) {
    if (inserted.reason === 'idempotency_key_taken') {
      const resumed = await resumeClaim(deps, claim!, inserted.record, {
        load: async (record) => (record.refundNo ? deps.refunds.get(record.payNo, record.refundNo) : undefined),
        replay: (first) => (first.status === 'PENDING' ? undefined : { statusCode: 201, body: toRefundResource(first) }),
      });
      if (resumed.kind === 'replayed') return resumed;
      refund = resumed.subject;
    } else if (inserted.reason === 'not_refundable') {
      const status = inserted.status ?? payment.status;
      throw new Conflict(
        'payment_not_refundable',
        `Payment ${payment.payNo} is ${status}; only ${REFUNDABLE.join(' or ')} payments can be refunded`,
      );
    } else {
      throw new Conflict(
        'refund_exceeds_refundable',
        `Refund of ${body.amount} exceeds the refundable amount ${inserted.refundableAmount ?? payment.refundableAmount} of payment ${payment.payNo}`,
        'amount',
      );
    }
  }

  const { channel, config } = await channelCallFor(deps.configs, payment);
  let outcome: RefundOutcome;
  try {
    outcome = await channel.refund(
      { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now },
      {
        payment: { payNo: payment.payNo, amount: payment.amount, currency: payment.currency, providerTradeNo: payment.providerTradeNo },
        refundNo: refund.refundNo,
        amount: refund.amount,
        reason: refund.reason,
        callbackUrl: `${input.publicBaseUrl}/callbacks/${channel.name}/${payment.payId}`,
      },
    );
  } catch (err) {
    // Unknown at the provider: the refund stays PENDING with its amount reserved; a retry resumes it.
    if (claim && err instanceof ProviderUnavailable) await deps.payments.releaseClaim(companyId, claim.key);
    if (err instanceof InvalidRequest) {
      // The channel refused the request before sending it (e.g. a currency it cannot refund): give the amount back.
      await deps.refunds.settleFailed(refund, { code: err.code, message: err.message }, deps.now().toISOString());
    }
    throw err;
  }

  const at = deps.now().toISOString();
  if (outcome.outcome === 'refused') {
    const failure = { code: outcome.code, message: outcome.message };
    await deps.refunds.settleFailed(refund, failure, at);
    refund = { ...refund, status: 'FAILED', failure, updatedAt: at };
  } else if (outcome.outcome === 'processing') {
    await deps.refunds.markProcessing(refund, outcome.providerRefundNo, at);
    refund = { ...refund, status: 'PROCESSING', providerRefundNo: outcome.providerRefundNo, updatedAt: at };
  } else {
    await settleSucceeded(deps, refund, outcome.providerRefundNo);
    refund = { ...refund, status: 'SUCCEEDED', providerRefundNo: outcome.providerRefundNo, updatedAt: at };
  }
  const stored = (await deps.refunds.get(refund.payNo, refund.refundNo)) ?? refund;
  return { kind: 'created', refund: toRefundResource(stored), outcome: outcome.outcome };
}

const STALE_RETRIES = 8;

/**
 * The refund SUCCEEDED and its payment PARTIALLY_REFUNDED, or REFUNDED once succeeded refunds add
 * up to the amount, in one transaction conditional on the payment's version and status (read
 * again when another refund or event moved it meanwhile).
 */
async function settleSucceeded(deps: RefundDeps, refund: Refund, providerRefundNo: string | undefined): Promise<void> {
  for (let attempt = 0; attempt < STALE_RETRIES; attempt++) {
    const payment: Payment | undefined = await deps.payments.get(refund.payNo);
    if (!payment) throw new Error(`payment ${refund.payNo} vanished`);
    const refunded = (payment.refundedAmount ?? 0) + refund.amount;
    const to: PaymentStatus = refunded >= payment.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    const at = deps.now().toISOString();
    // A payment the provider already reported fully refunded (sync) keeps its state; the refund still succeeded.
    const move = canTransition(payment.status, to) ? { expected: { version: payment.version, status: payment.status }, to } : undefined;
    const result = await deps.refunds.settleSucceeded(refund, providerRefundNo, at, move);
    if (result !== 'stale') return;
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`payment ${refund.payNo} kept changing while settling refund ${refund.refundNo}`);
}

export async function listRefunds(deps: { payments: RefundDeps['payments']; refunds: RefundStore }, companyId: string, payNo: string) {
  const payment = await paymentOfCompany(deps.payments, companyId, payNo);
  return { data: (await deps.refunds.list(payment.payNo)).map(toRefundResource) };
}
