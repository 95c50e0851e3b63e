/**
 * The shape every catalogue event has and the type a payment's status move gets, without the
 * catalogue's zod schemas (catalogue.ts): the events relay and the plugins build and read events
 * with these and load no schema at cold start; the tests hold what the relay builds to the schemas.
 */
import type { PaymentStatus } from '../domain/status-machine.ts';

/** A payment moved to each status has its type: payment.pending, payment.succeeded, ... */
export const paymentStatusType = (status: PaymentStatus) => `payment.${status.toLowerCase()}` as const;

/** Any event of the catalogue, as the stream relay builds it. */
export type PayeeEvent = {
  id: string;
  type: string;
  occurredAt: string;
  companyId: string;
  channel: string;
  method: string;
  status: string;
  amount: number;
  currency: string;
  payerRef?: string;
  data: unknown;
};
