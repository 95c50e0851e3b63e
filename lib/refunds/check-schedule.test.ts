import { describe, expect, it } from 'vitest';
import { pendingCheckAt, processingCheckAt } from './check-schedule.ts';

describe('when the refund sweep asks the provider', () => {
  const now = new Date('2026-11-25T00:00:00.000Z');
  it('a PENDING refund once its create request can no longer be running', () => {
    expect(pendingCheckAt(now, 15_000)).toBe('2026-11-25T00:00:15.000Z');
  });
  it('a PROCESSING refund after 15 s, then doubling, never less often than every 6 h', () => {
    const after = (checks: number) => (Date.parse(processingCheckAt(now, checks)) - now.getTime()) / 1000;
    expect([0, 1, 2, 3].map(after)).toEqual([15, 30, 60, 120]);
    expect(after(11)).toBe(6 * 3600);
    expect(after(1000)).toBe(6 * 3600);
  });
});
