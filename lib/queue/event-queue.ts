/** The port for the callbacks queue: verified provider events (payments' and refunds'), in order per payment. */
import type { PaymentEvent, RefundEvent } from '../channels/channel.ts';

export interface EventQueue {
  /** Ordered per payNo; a second send of the same eventId within the dedup window is dropped. */
  send(event: PaymentEvent | RefundEvent): Promise<void>;
}
