/** A refund of part or all of a paid payment (ARCHITECTURE.md §3 Refund). */
export const REFUND_STATUSES = ['PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface Refund {
  /** payee's refund number, R + ULID: the provider's idempotency key for this refund. */
  refundNo: string;
  payNo: string;
  companyId: string;
  /** Minor units, reserved from the payment's refundableAmount when the refund is stored. */
  amount: number;
  currency: string;
  reason?: string;
  /**
   * PENDING: stored, amount reserved, the provider's answer unknown (a retry with the same
   * Idempotency-Key resumes it); PROCESSING: the provider accepted it, the outcome comes later;
   * SUCCEEDED; FAILED: the provider refused it and the amount was given back.
   */
  status: RefundStatus;
  providerRefundNo?: string;
  failure?: { code: string; message: string };
  createdAt: string;
  updatedAt: string;
}
