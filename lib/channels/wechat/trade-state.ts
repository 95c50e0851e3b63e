/** What each trade_state (PROTOCOLS.md §2.3) says of a payment: NOTPAY and USERPAYING are not final. */
import type { ProviderPayment } from '../channel.ts';

export const TRADE_STATUS: Record<string, ProviderPayment['status']> = {
  SUCCESS: 'SUCCEEDED',
  // 转入退款: some refund was made, whole or partial — the trade was paid; refunds are followed one by one.
  REFUND: 'SUCCEEDED',
  NOTPAY: 'PENDING',
  USERPAYING: 'PENDING',
  CLOSED: 'CLOSED',
  REVOKED: 'CLOSED',
  PAYERROR: 'CLOSED',
};
