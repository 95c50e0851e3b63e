/** The payment (seed table od_pay) as the domain knows it. */
import type { PaymentAction } from '../channels/channel.ts';
import type { DetailLine } from '../api/details-schema.ts';
import type { PaymentStatus } from './status-machine.ts';

export interface Payment {
  payNo: string;
  companyId: string;
  /**
   * The company's ancestors and itself, root first (lib/payments/visibility.ts), copied from the
   * API key at create; absent on payments older than the company tree (then only companyId sees it).
   */
  companyPath?: string[];
  payId: string;
  /** The group it is a member of (lib/groups/): its changes settle the group's status. */
  groupNo?: string;
  channel: string;
  method: string;
  outTradeNo: string;
  subject: string;
  /** What the buyer pays (the seed's pay_amount), integer minor units. */
  amount: number;
  /** What the order is worth (the seed's order_amount). */
  orderAmount: number;
  currency: string;
  status: PaymentStatus;
  refundableAmount: number;
  /** Minor units of succeeded refunds (internal): the payment is REFUNDED when it reaches amount. */
  refundedAmount?: number;
  action?: PaymentAction;
  providerTradeNo?: string;
  failure?: { code: string; message: string };
  notifyUrl?: string;
  returnUrl?: string;
  metadata?: Record<string, string>;
  /**
   * The detail lines (od_detail), kept inline on the payment rather than as DET#nn items: a few
   * lines add bytes to writes the payment makes anyway, where items would add 2 write units each.
   */
  details?: DetailLine[];
  /** Set when the company's ledger posts this payment's lines (lib/ledger/): the accounts are ledger accounts. */
  ledger?: boolean;
  /**
   * The Idempotency-Key of the create that stored it. Its claim is put before it (not in one
   * transaction), so a claim names its payNo before that payment exists, and the payment of that
   * number may be another request's (the same outTradeNo); this tells a replay which.
   */
  idempotencyKey?: string;
  /** Method-specific buyer facts the provider needs at create (openid, client IP); never shown. */
  payer?: Record<string, string>;
  /** Optimistic-lock counter: every write is conditional on it. */
  version: number;
  /**
   * The last provider event that moved it, written with the move (lib/callbacks/apply-event.ts):
   * its audit item is written after the move, so a redelivery after a crash between the two finds
   * here that the move is in, and what the audit item is to say.
   */
  lastEvent?: { id: string; from: PaymentStatus; at: string };
  expiresAt: string;
  /**
   * While CREATED or PENDING: when the reconciler next looks at it (lib/payments/reconcile.ts).
   * Starts at min(createdAt + 5 min, expiresAt) and never passes expiresAt before it is reached.
   */
  nextCheckAt?: string;
  createdAt: string;
  updatedAt: string;
  paidAt?: string;
}

/** CREATED or PENDING: not settled yet, so closed at expiresAt and asked about until then. */
export const isOpen = (status: PaymentStatus) => status === 'CREATED' || status === 'PENDING';

/** The reconciler first asks the provider about a payment this long after its create. */
export const FIRST_CHECK_AFTER_MS = 5 * 60_000;

/** A new payment's first nextCheckAt: a few minutes on, or its expiry if that comes first. */
export function firstCheckAt(createdAt: Date, expiresAt: Date): string {
  return new Date(Math.min(createdAt.getTime() + FIRST_CHECK_AFTER_MS, expiresAt.getTime())).toISOString();
}

/** A pay config (seed table cnf_pay): one channel's credentials for one company. */
export interface PayConfig {
  payId: string;
  companyId: string;
  channel: string;
  status: 'ACTIVE' | 'DISABLED';
  config: unknown;
}
