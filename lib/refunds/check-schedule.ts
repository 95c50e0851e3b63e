/**
 * When the refund sweep asks a provider about an open refund. A PENDING refund is due once the
 * request that created it can no longer be running (its Idempotency-Key lease); a PROCESSING one a
 * little after the provider took it (most notify within seconds, the sweep is the safety net), then
 * less and less often: 15 s, 30 s, 1 min, ... up to every 6 h.
 */
const FIRST_CHECK_MS = 15_000;
const MAX_INTERVAL_MS = 6 * 3600_000;

/** A PENDING refund created at `createdAt` by a request holding its key for `leaseMs`. */
export const pendingCheckAt = (createdAt: Date, leaseMs: number): string => new Date(createdAt.getTime() + leaseMs).toISOString();

/** The next check of an open refund after `checks` checks that settled nothing. */
export const processingCheckAt = (now: Date, checks: number): string =>
  new Date(now.getTime() + Math.min(FIRST_CHECK_MS * 2 ** Math.min(checks, 20), MAX_INTERVAL_MS)).toISOString();
