/**
 * When attempts are made (ARCHITECTURE.md §5 flow 4): the first at once, then after each failure
 * the next wait of the schedule; after the last, the notification is FAILED. The stack sets
 * NOTIFY_RETRY_SCHEDULE (seconds, comma-separated); the local stack compresses it to seconds.
 */
/** 1m, 5m, 5m, 10m ×5, 1h ×5, 6h ×3: about 24 hours of retries in 16 waits. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [60, 300, 300, ...Array(5).fill(600), ...Array(5).fill(3600), ...Array(3).fill(21600)];

export function retrySchedule(value = process.env.NOTIFY_RETRY_SCHEDULE): readonly number[] {
  if (value === undefined || value.trim() === '') return DEFAULT_RETRY_SCHEDULE;
  const waits = value.split(',').map((s) => Number(s.trim()));
  if (waits.some((w) => !Number.isInteger(w) || w < 0)) throw new Error(`NOTIFY_RETRY_SCHEDULE must be whole seconds, comma-separated: ${value}`);
  return waits;
}

/** Seconds to wait after failed attempt `n` (1-based), or undefined when it was the last. */
export const waitAfterAttempt = (schedule: readonly number[], n: number): number | undefined => schedule[n - 1];
