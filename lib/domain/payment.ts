/** The payment (seed table od_pay) as the domain knows it. */
import type { PaymentAction } from '../channels/channel.ts';
import type { PaymentStatus } from './status-machine.ts';

export interface Payment {
  payNo: string;
  companyId: string;
  payId: string;
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
  /** Method-specific buyer facts the provider needs at create (openid, client IP); never shown. */
  payer?: Record<string, string>;
  /** Optimistic-lock counter: every write is conditional on it. */
  version: number;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
  paidAt?: string;
  /** The JSON reply of the create, replayed for its Idempotency-Key (kept only when one was sent). */
  createReply?: string;
}

/** A pay config (seed table cnf_pay): one channel's credentials for one company. */
export interface PayConfig {
  payId: string;
  companyId: string;
  channel: string;
  status: 'ACTIVE' | 'DISABLED';
  config: unknown;
}
