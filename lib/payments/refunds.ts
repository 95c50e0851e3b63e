/**
 * Refunds (ARCHITECTURE.md §3 Refund, issue 6): one transaction stores the refund PENDING, the
 * Idempotency-Key claim, and takes its amount off the payment's refundableAmount under the
 * condition `refundableAmount >= amount`, so concurrent refunds can never exceed what was paid.
 * Then the provider: succeeded → the refund SUCCEEDED and the payment PARTIALLY_REFUNDED or
 * REFUNDED (conditional on version and status); processing → PROCESSING (the outcome comes later
 * from a refund callback or query, lib/refunds/); refused → FAILED and the amount given back in
 * one transaction; unknown (timeout, 5xx) → it stays PENDING with the amount reserved, 503, and a
 * retry with the same Idempotency-Key resumes it with the same refundNo (the provider's own
 * idempotency key for the refund).
 */
import type { RefundOutcome } from '../channels/channel.ts';
import type { CreateRefundBody, RefundResource } from '../api/refund-schema.ts';
import { Conflict, InvalidRequest, ProviderUnavailable } from '../domain/errors.ts';
import { newRefundNo } from '../domain/ids.ts';
import type { Refund } from '../domain/refund.ts';
import { allowedFrom } from '../domain/status-machine.ts';
import { pendingCheckAt } from '../refunds/check-schedule.ts';
import { applyRefundOutcome } from '../refunds/settle.ts';
import type { RefundStore } from '../store/refund-store.ts';
import { claimFor, resumeClaim } from './idempotency.ts';
import type { LifecycleDeps } from './payment-lifecycle.ts';
import { paymentOfCompany } from './visibility.ts';
import { channelCallFor } from './pay-config.ts';
import { providerRefOf } from './provider-ref.ts';

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

  const { channel, config } = await channelCallFor(deps.configs, payment);
  const callbackUrl = `${input.publicBaseUrl}/callbacks/${channel.name}/${payment.payId}`;
  // Open until settled: the refund sweep asks the provider once this request can no longer be running.
  const inserted = await deps.refunds.insert(refund, REFUNDABLE, claim, { nextCheckAt: pendingCheckAt(now, deps.leaseMs), callbackUrl });
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

  let outcome: RefundOutcome;
  try {
    outcome = await channel.refund(
      { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now },
      {
        payment: providerRefOf(payment),
        refundNo: refund.refundNo,
        amount: refund.amount,
        reason: refund.reason,
        callbackUrl,
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

  refund = await applyRefundOutcome(deps, refund, outcome);
  const stored = (await deps.refunds.get(refund.payNo, refund.refundNo)) ?? refund;
  return { kind: 'created', refund: toRefundResource(stored), outcome: outcome.outcome };
}

export async function listRefunds(deps: { payments: RefundDeps['payments']; refunds: RefundStore }, companyId: string, payNo: string) {
  const payment = await paymentOfCompany(deps.payments, companyId, payNo);
  return { data: (await deps.refunds.list(payment.payNo)).map(toRefundResource) };
}
