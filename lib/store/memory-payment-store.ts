/**
 * For unit tests: the PaymentStore's event writes in memory, in the DynamoDB adapter's order (the
 * payment's move, conditional on version and status, then the audit item). `crashAfterMove` dies
 * once between the two, as a worker killed there would.
 */
import type { Payment } from '../domain/payment.ts';
import type { PaymentEventRecord } from '../domain/payment-event.ts';
import type { PaymentStore, RecordOutcome } from './payment-store.ts';

export class MemoryEventStore implements Pick<PaymentStore, 'get' | 'recordEvent' | 'listEvents'> {
  readonly payments = new Map<string, Payment>();
  readonly events: PaymentEventRecord[] = [];
  crashAfterMove = false;

  async get(payNo: string) {
    const p = this.payments.get(payNo);
    return p && structuredClone(p);
  }

  async recordEvent(event: PaymentEventRecord, change?: { before: Payment; payment: Payment }): Promise<RecordOutcome> {
    if (change) {
      const now = this.payments.get(change.payment.payNo)!;
      if (now.version !== change.before.version || now.status !== change.before.status) return 'stale';
      this.payments.set(change.payment.payNo, structuredClone(change.payment));
      if (this.crashAfterMove) {
        this.crashAfterMove = false;
        throw new Error('crashed between the move and its audit item');
      }
    }
    if (this.events.some((e) => e.payNo === event.payNo && e.eventId === event.eventId)) return change ? 'stored' : 'duplicate';
    this.events.push(event);
    return 'stored';
  }

  async listEvents(payNo: string) {
    return this.events.filter((e) => e.payNo === payNo);
  }
}
