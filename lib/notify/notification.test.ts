import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { movedByEvent } from '../store/dynamodb/move-notification.ts';
import { moveNotificationId, notificationOf } from './notification.ts';
import { samplePaidPayment } from './testing.ts';

describe("a move's notification", () => {
  const paid = samplePaidPayment({ version: 2, updatedAt: '2026-12-03T10:00:01.000Z', lastEvent: { id: 'e-paid', from: 'PENDING', at: '2026-12-03T10:00:01.000Z' } });

  it('has the same id however often it is derived, a ULID of the move time; another move has another', () => {
    const id = moveNotificationId(paid);
    expect(moveNotificationId(structuredClone(paid))).toBe(id);
    expect(id).toMatch(/^N/);
    expect(isValid(id.slice(1))).toBe(true);
    expect(decodeTime(id.slice(1))).toBe(Date.parse(paid.updatedAt));
    expect(moveNotificationId({ ...paid, version: 3 })).not.toBe(id);
    expect(notificationOf(paid, paid.updatedAt, id)!.notificationId).toBe(id);
  });

  it('is due where a provider event moved the payment (a new lastEvent), not at other writes', () => {
    const before = { ...paid, status: 'PENDING' as const, version: 1, lastEvent: undefined };
    expect(movedByEvent(before, paid)).toBe(true);
    // A refund settled, a check deferred: the same last event.
    expect(movedByEvent(paid, { ...paid, status: 'PARTIALLY_REFUNDED', version: 3 })).toBe(false);
    expect(movedByEvent(before, { ...before, nextCheckAt: 'later' })).toBe(false);
  });
});
