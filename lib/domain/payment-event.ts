/** The audit trail: every provider event payee accepted for a payment, and what it did. */
import type { PaymentEvent } from '../channels/channel.ts';
import type { PaymentStatus } from './status-machine.ts';

export interface PaymentEventRecord extends PaymentEvent {
  /** When the status worker recorded it. */
  recordedAt: string;
  /** applied: it moved the payment; ignored: the status machine (or a mismatch) kept it out. */
  outcome: 'applied' | 'ignored';
  fromStatus: PaymentStatus;
  toStatus?: PaymentStatus;
  /** Why an ignored event was ignored. */
  reason?: string;
}
