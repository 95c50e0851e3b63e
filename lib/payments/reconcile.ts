/**
 * The payments sweep of the scheduled reconciler (ARCHITECTURE.md §5 flow 5, issue 6). Every open
 * (CREATED/PENDING) payment is on the store's work list by its nextCheckAt; each run takes the
 * due ones and
 * - past expiresAt: closes it at the provider first, then here (closeOpenPayment, as the
 *   merchant's close: a provider that says "paid" makes it SUCCEEDED) — never by DynamoDB TTL;
 * - otherwise (first due FIRST_CHECK_AFTER_MS after its create): asks the provider
 *   (queryProvider, as the merchant's sync: facts go through the callbacks' queue and worker);
 * and moves the next check on with a backoff while it stays open. A timeout or 5xx changes
 * nothing but the next check (never FAILED). Runs may overlap (a schedule and a manual run): every
 * write is conditional and every event id deterministic, so a second run's work is a no-op.
 */
import { ProviderUnavailable } from '../domain/errors.ts';
import { isOpen, type Payment } from '../domain/payment.ts';
import type { EventQueue } from '../queue/event-queue.ts';
import type { DueCursor } from '../store/payment-store.ts';
import { closeOpenPayment, queryProvider, type LifecycleDeps } from './payment-lifecycle.ts';

export interface ReconcileDeps extends LifecycleDeps {
  queue: EventQueue;
  /** Shards of the store's work list (OPEN_SHARDS); each is swept by its own loop, concurrently. */
  shards: number;
  /** Called once per payment looked at, for the log. */
  onCheck?: (check: Check) => void;
}

export type CheckOutcome =
  /** Expired: closed at the provider and here. */
  | 'closed'
  /** Expired, but the provider says it was paid: SUCCEEDED. */
  | 'paid'
  /** The provider's answer (paid, closed, refunded) is on the callbacks' queue. */
  | 'queued'
  /** The provider has it as unpaid (or has no trade yet): nothing to do before the next check. */
  | 'unchanged'
  /** Timeout, 5xx or an unverifiable answer: left as it is, tried again at the next check. */
  | 'unavailable'
  /** Settled or moved on since the work list was read: nothing done. */
  | 'skipped'
  /** Anything else (a provider refusal, a missing pay config): logged, tried again later. */
  | 'error';

export interface Check {
  payNo: string;
  companyId: string;
  channel: string;
  outcome: CheckOutcome;
  /** Still CREATED/PENDING more than STUCK_GRACE_MS after its expiresAt. */
  stuck: boolean;
  nextCheckAt?: string;
  error?: string;
}

export interface ReconcileSummary extends Record<CheckOutcome, number> {
  /** Payments still open more than STUCK_GRACE_MS past their expiry (the PaymentsStuckPastExpiry metric). */
  stuckPastExpiry: number;
  /** The deadline came before every due payment was looked at: the next run goes on. */
  unfinished: boolean;
}

const MINUTE = 60_000;
/** Backoff bounds between queries of an unexpired payment, and between close attempts after expiry. */
const MIN_DELAY_MS = MINUTE;
const MAX_QUERY_DELAY_MS = 30 * MINUTE;
/** Past expiry a close is retried at least this often, so a stuck payment is counted every alarm period. */
const MAX_CLOSE_DELAY_MS = 5 * MINUTE;
/** How long a payment may stay open past expiresAt (provider down) before it counts as stuck. */
const STUCK_GRACE_MS = 10 * MINUTE;
const PAGE_SIZE = 25;

const clamp = (ms: number, max: number) => Math.min(Math.max(ms, MIN_DELAY_MS), max);

/**
 * When to look at a payment that is still open after a check at `now`. Before expiry: half its age
 * (1, 1.5, 2.25 … times the first 5 minutes, so growing by half each time, at most 30 minutes),
 * never later than expiresAt, when it must be closed. After expiry: half the time since, at most
 * 5 minutes. Derived from the payment's own times, so two runs agree without storing a count.
 */
export function nextCheckAfter(payment: Pick<Payment, 'createdAt' | 'expiresAt'>, now: Date): string {
  const at = now.getTime();
  const expires = Date.parse(payment.expiresAt);
  if (at < expires) {
    return new Date(Math.min(at + clamp((at - Date.parse(payment.createdAt)) / 2, MAX_QUERY_DELAY_MS), expires)).toISOString();
  }
  return new Date(at + clamp((at - expires) / 2, MAX_CLOSE_DELAY_MS)).toISOString();
}

/**
 * Sweep the due payments until none is left or `deadline` (epoch ms) passes: no payment is begun
 * after it, so the caller leaves room for the calls in flight (provider timeouts) before its own
 * timeout. An error on one payment never stops the others.
 */
export async function reconcilePayments(deps: ReconcileDeps, deadline: number): Promise<ReconcileSummary> {
  // One bound for the whole run: a payment deferred now lies beyond it and is not met again.
  const due = deps.now();
  const summary: ReconcileSummary = {
    closed: 0,
    paid: 0,
    queued: 0,
    unchanged: 0,
    unavailable: 0,
    skipped: 0,
    error: 0,
    stuckPastExpiry: 0,
    unfinished: false,
  };
  const sweepShard = async (shard: number) => {
    let cursor: DueCursor | undefined;
    do {
      if (Date.now() >= deadline) {
        summary.unfinished = true;
        return;
      }
      const page = await deps.payments.dueForCheck(shard, due, { limit: PAGE_SIZE, cursor });
      for (const listed of page.payments) {
        if (Date.now() >= deadline) {
          summary.unfinished = true;
          return;
        }
        const check = await checkPayment(deps, listed, due).catch(
          (err: unknown): Check => ({ ...about(listed), outcome: 'error', stuck: false, error: messageOf(err) }),
        );
        summary[check.outcome]++;
        if (check.stuck) summary.stuckPastExpiry++;
        deps.onCheck?.(check);
      }
      cursor = page.cursor;
    } while (cursor);
  };
  // Settled, not raced: a shard whose store read fails must not leave the others running unawaited.
  const shards = await Promise.allSettled(Array.from({ length: deps.shards }, (_, shard) => sweepShard(shard)));
  const failed = shards.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return summary;
}

/** One due payment: read it again (the work list lags), act, and move its next check on. */
async function checkPayment(deps: ReconcileDeps, listed: Payment, due: Date): Promise<Check> {
  const payment = await deps.payments.get(listed.payNo);
  // Moved on since the work list was read: settled, or already checked by an overlapping run.
  if (!payment || !isOpen(payment.status) || (payment.nextCheckAt && payment.nextCheckAt > due.toISOString())) {
    return { ...about(listed), outcome: 'skipped', stuck: false };
  }
  let outcome: CheckOutcome;
  let status: Payment['status'] = payment.status;
  let error: string | undefined;
  try {
    if (Date.parse(payment.expiresAt) <= deps.now().getTime()) {
      const closed = await closeOpenPayment(deps, payment, 'expired');
      outcome = closed.outcome;
      status = closed.applied.payment.status;
    } else {
      outcome = (await queryProvider(deps, payment)).eventId ? 'queued' : 'unchanged';
    }
  } catch (err) {
    outcome = err instanceof ProviderUnavailable ? 'unavailable' : 'error';
    error = messageOf(err);
  }
  const now = deps.now();
  // A queued fact is applied by the worker shortly; until then the payment is open and is deferred like any other.
  if (!isOpen(status)) return { ...about(payment), outcome, stuck: false };
  const nextCheckAt = nextCheckAfter(payment, now);
  try {
    await deps.payments.deferCheck(payment.payNo, nextCheckAt);
  } catch (err) {
    // Not deferred: it is simply due again at the next run.
    error ??= `deferCheck: ${messageOf(err)}`;
  }
  const stuck = now.getTime() - Date.parse(payment.expiresAt) > STUCK_GRACE_MS;
  return { ...about(payment), outcome, stuck, nextCheckAt, ...(error ? { error } : {}) };
}

const about = (p: Payment) => ({ payNo: p.payNo, companyId: p.companyId, channel: p.channel });
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
