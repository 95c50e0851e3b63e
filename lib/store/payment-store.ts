/**
 * The port the payment services need from storage. `lib/store/dynamodb/` implements it; the
 * domain never sees the AWS SDK.
 */
import type { Payment } from '../domain/payment.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';

/** The create call's claim on an Idempotency-Key: put before the payment it creates (with it, for a ledger payment). */
export interface IdempotencyClaim {
  companyId: string;
  key: string;
  bodyHash: string;
  /** Epoch ms until which the claimant holds the key; past it another request may take over. */
  lockedUntil: number;
}

/**
 * The stored claim, never rewritten after its create. The payment it names says whether the create
 * is done (no longer CREATED) and is what a replay answers: no reply is kept (issue 17: one write
 * fewer per create with a key).
 */
export interface IdempotencyRecord extends IdempotencyClaim {
  payNo: string;
  /** Set when the key was claimed by a refund of payNo. */
  refundNo?: string;
}

export type InsertOutcome =
  | { ok: true }
  /** A payment of this payNo exists: it has the outTradeNo (payNoOf). */
  | { ok: false; reason: 'duplicate_out_trade_no' }
  | { ok: false; reason: 'idempotency_key_taken'; record: IdempotencyRecord }
  /** A ledger hold at create would take accountId past its overdraft rule (lib/ledger/). */
  | { ok: false; reason: 'insufficient_funds'; accountId: string };

export interface ListPage {
  payments: Payment[];
  nextCursor?: string;
}

/** Where a page of dueForCheck ended: the store's own position, passed back unread. */
export type DueCursor = Record<string, unknown>;

export type RecordOutcome = 'stored' | 'duplicate' | 'stale';

export interface PaymentStore {
  /**
   * The idempotency claim when given, then the payment, unless one exists under its payNo (the
   * outTradeNo's: duplicate_out_trade_no, the claim left naming it); a ledger payment's holds, the
   * claim and the payment in one transaction.
   */
  insert(payment: Payment, claim?: IdempotencyClaim): Promise<InsertOutcome>;
  /** Write what changed from `before` to `after`, conditional on before's version and status; false when either moved. */
  update(before: Payment, after: Payment): Promise<boolean>;
  /** Give the key back so that a retry with it resumes this payment now. */
  releaseClaim(companyId: string, key: string): Promise<void>;
  /** Take over an abandoned claim; false when someone else did first. */
  takeOverClaim(record: IdempotencyRecord, lockedUntil: number): Promise<boolean>;
  /**
   * Without `change`: the event item, unless it exists (`duplicate`). With it: first what changed
   * from `before`, conditional on before's version and status (else `stale`), with its ledger
   * postings in one transaction where it has them; then the event item (already there on a
   * redelivery). The merchant's notification and the daily counters follow from the stream.
   */
  recordEvent(event: PaymentEventRecord, change?: { before: Payment; payment: Payment }): Promise<RecordOutcome>;
  /** The payment's events, oldest first. */
  listEvents(payNo: string): Promise<PaymentEventRecord[]>;
  /** Strongly consistent unless `consistent: false` (half the read cost, for checks a later consistent read repeats). */
  get(payNo: string, options?: { consistent: boolean }): Promise<Payment | undefined>;
  /** Several payments in one round trip (strongly consistent), by payNo; missing ones are absent. */
  getMany(payNos: string[]): Promise<Map<string, Payment>>;
  /**
   * The payments of one pay config that became paid (SUCCEEDED, or REFUNDED by a provider's
   * answer) on one China day, page by page, in no particular order: what that day's statement
   * should list. Eventually consistent.
   */
  paidOn(payId: string, day: string): AsyncIterable<Payment[]>;
  /**
   * One page of the open (CREATED/PENDING) payments of one shard (0 .. OPEN_SHARDS-1) whose
   * nextCheckAt is at or before `due`, earliest first; `cursor` (opaque) continues after the
   * previous page. Eventually consistent: read a payment again before acting on it.
   */
  dueForCheck(shard: number, due: Date, page: { limit: number; cursor?: DueCursor }): Promise<{ payments: Payment[]; cursor?: DueCursor }>;
  /** Move an open payment's next check to `nextCheckAt` (version unchanged); false once it is no longer open. */
  deferCheck(payNo: string, nextCheckAt: string): Promise<boolean>;
  getByOutTradeNo(companyId: string, outTradeNo: string): Promise<Payment | undefined>;
  listByCreatedAt(
    companyId: string,
    range: { from: Date; to: Date },
    page: { limit: number; cursor?: string },
  ): Promise<ListPage>;
}
