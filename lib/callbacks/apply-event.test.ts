import { describe, expect, it } from 'vitest';
import type { PaymentEvent } from '../channels/channel.ts';
import type { Payment } from '../domain/payment.ts';
import { canTransition, PAYMENT_STATUSES, type PaymentStatus } from '../domain/status-machine.ts';
import { samplePaidPayment } from '../notify/testing.ts';
import { MemoryEventStore } from '../store/memory-payment-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import { applyPaymentEvent } from './apply-event.ts';

const pending = samplePaidPayment({ status: 'PENDING', version: 1, paidAt: undefined, refundableAmount: 0 });
const paid: PaymentEvent = { eventId: 'e-paid', payNo: pending.payNo, channel: 'alipay', status: 'SUCCEEDED', providerStatus: 'TRADE_SUCCESS', amount: pending.amount, currency: pending.currency, paidAt: '2026-12-03T10:00:00.000Z' };
const now = () => new Date('2026-12-03T10:00:01.000Z');

function storeWith(payment: Payment) {
  const store = new MemoryEventStore();
  store.payments.set(payment.payNo, structuredClone(payment));
  return store;
}

describe('applying a provider event', () => {
  it('moves the payment once, keeping the event on it, then its audit item; a redelivery changes nothing', async () => {
    const store = storeWith(pending);
    expect((await applyPaymentEvent(store as unknown as PaymentStore, paid, now)).outcome).toBe('applied');
    const moved = store.payments.get(pending.payNo)!;
    expect(moved).toMatchObject({ status: 'SUCCEEDED', version: 2, lastEvent: { id: 'e-paid', from: 'PENDING', at: '2026-12-03T10:00:01.000Z' } });
    expect(store.events).toMatchObject([{ eventId: 'e-paid', outcome: 'applied', fromStatus: 'PENDING', toStatus: 'SUCCEEDED' }]);

    expect((await applyPaymentEvent(store as unknown as PaymentStore, paid, now)).outcome).toBe('duplicate');
    expect(store.payments.get(pending.payNo)!.version).toBe(2);
    expect(store.events).toHaveLength(1);
  });

  it('a crash between the move and its audit item: the redelivery writes the audit item as it would have been, and moves nothing', async () => {
    const store = storeWith(pending);
    store.crashAfterMove = true;
    await expect(applyPaymentEvent(store as unknown as PaymentStore, paid, now)).rejects.toThrow('crashed');
    expect(store.events).toEqual([]);

    const later = () => new Date('2026-12-03T10:05:00.000Z');
    expect((await applyPaymentEvent(store as unknown as PaymentStore, paid, later)).outcome).toBe('duplicate');
    expect(store.payments.get(pending.payNo)!.version).toBe(2);
    expect(store.events).toMatchObject([{ eventId: 'e-paid', outcome: 'applied', fromStatus: 'PENDING', toStatus: 'SUCCEEDED', recordedAt: '2026-12-03T10:00:01.000Z' }]);
  });

  it("an older event's redelivery can never move the payment again: no state after a provider status leads back to it", () => {
    // Why the payment's last event is enough (an older applied event is refused by the status machine).
    const after = (from: PaymentStatus): Set<PaymentStatus> => {
      const seen = new Set<PaymentStatus>();
      const walk = (s: PaymentStatus) => PAYMENT_STATUSES.filter((t) => canTransition(s, t) && !seen.has(t)).forEach((t) => (seen.add(t), walk(t)));
      walk(from);
      return seen;
    };
    for (const target of ['SUCCEEDED', 'CLOSED', 'REFUNDED'] as const satisfies readonly PaymentEvent['status'][]) {
      for (const state of [target, ...after(target)]) expect(canTransition(state, target), `${state} → ${target}`).toBe(false);
    }
  });
});
