/**
 * A group's status, derived from its members' (ARCHITECTURE.md §9): open while none has settled,
 * paid when all are paid (refunds later do not unpay it), closed when all are closed or failed,
 * partially_paid when some are paid and the rest still open, mixed otherwise (some paid or open
 * beside some closed or failed). A member without a payment (it could not be created) counts as
 * failed.
 */
import type { GroupStatus } from '../api/group-schema.ts';
import type { PaymentStatus } from '../domain/status-machine.ts';

type Kind = 'open' | 'paid' | 'ended';
const KIND: Record<PaymentStatus, Kind> = {
  CREATED: 'open',
  PENDING: 'open',
  SUCCEEDED: 'paid',
  PARTIALLY_REFUNDED: 'paid',
  REFUNDED: 'paid',
  CLOSED: 'ended',
  FAILED: 'ended',
};

export function groupStatus(members: (PaymentStatus | undefined)[]): GroupStatus {
  const kinds = new Set(members.map((s) => (s === undefined ? 'ended' : KIND[s])));
  if (kinds.size === 1) return kinds.has('open') ? 'open' : kinds.has('paid') ? 'paid' : 'closed';
  return kinds.has('ended') ? 'mixed' : 'partially_paid';
}
