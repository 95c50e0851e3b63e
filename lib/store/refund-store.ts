/** The port the refund service needs from storage; `lib/store/dynamodb/refund-store.ts` implements it. */
import type { Payment } from '../domain/payment.ts';
import type { PaymentStatus } from '../domain/status-machine.ts';
import type { Refund } from '../domain/refund.ts';
import type { IdempotencyClaim, IdempotencyRecord } from './payment-store.ts';

export type RefundInsertOutcome =
  | { ok: true }
  | { ok: false; reason: 'idempotency_key_taken'; record: IdempotencyRecord }
  /** The payment's refundableAmount is below the refund's amount (or it is in no refundable state). */
  | { ok: false; reason: 'exceeds_refundable' | 'not_refundable'; status?: PaymentStatus; refundableAmount?: number };

/** What the refund sweep needs of an open refund: when to ask the provider, and where the refund notifies. */
export interface OpenRefundCheck {
  nextCheckAt: string;
  /** The provider's callback URL the refund was submitted with, to submit it again unchanged. */
  callbackUrl: string;
}

/** An open refund as the sweep sees it: when it is due and how often the provider was asked. */
export interface OpenRefund extends Refund, Partial<OpenRefundCheck> {
  checks: number;
}

export interface RefundStore {
  /**
   * One transaction: the refund (PENDING), the idempotency claim when given, and the payment's
   * refundableAmount decremented under `refundableAmount >= amount` and a status in `from`.
   */
  insert(refund: Refund, from: readonly PaymentStatus[], claim?: IdempotencyClaim, open?: OpenRefundCheck): Promise<RefundInsertOutcome>;
  /** PENDING → PROCESSING; false when the refund is no longer PENDING. `nextCheckAt`: when the sweep asks the provider. */
  markProcessing(refund: Refund, providerRefundNo: string | undefined, at: string, nextCheckAt?: string): Promise<boolean>;
  /** Open refunds due for a provider check at `now` (ISO), at most `limitPerShard` of each shard, most overdue first. */
  dueForCheck(now: string, limitPerShard: number): Promise<OpenRefund[]>;
  /** The next provider check of a still open refund; false when it is no longer open. */
  deferCheck(refund: Refund, nextCheckAt: string, checks: number): Promise<boolean>;
  /**
   * One transaction: the refund (PENDING|PROCESSING) → SUCCEEDED, and when `payment` is given the
   * payment (as the caller read it: its version and status are the condition) moved to
   * `payment.to`, its refundedAmount increased, with the merchant's notification of the move.
   * `stale`: the payment moved meanwhile; `settled`: the refund was no longer open.
   */
  settleSucceeded(
    refund: Refund,
    providerRefundNo: string | undefined,
    at: string,
    payment?: { current: Payment; to: PaymentStatus },
  ): Promise<'stored' | 'stale' | 'settled'>;
  /** One transaction: the refund (PENDING|PROCESSING) → FAILED and its amount given back to refundableAmount. */
  settleFailed(refund: Refund, failure: { code: string; message: string }, at: string): Promise<boolean>;
  get(payNo: string, refundNo: string): Promise<Refund | undefined>;
  /** The payment's refunds, oldest first. */
  list(payNo: string): Promise<Refund[]>;
}
