/** A paid payment as the notifier sees it, for tests of what notifications carry. */
import type { Payment } from '../domain/payment.ts';

export const samplePaidPayment = (overrides: Partial<Payment> = {}): Payment => ({
  payNo: 'P01KAX9QZW0G8S5T6V7X2Y3Z4A',
  companyId: 'C1',
  companyPath: ['C1'],
  payId: 'cfg_1',
  channel: 'alipay',
  method: 'alipay.qr',
  outTradeNo: 'A1',
  subject: 'T-shirt',
  amount: 1999,
  orderAmount: 1999,
  currency: 'CNY',
  status: 'SUCCEEDED',
  refundableAmount: 1999,
  notifyUrl: 'https://merchant.example/notify',
  providerTradeNo: '2026112422001',
  paidAt: '2026-11-24T10:00:05.000Z',
  expiresAt: '2026-11-24T10:30:00.000Z',
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:05.000Z',
  version: 2,
  ...overrides,
});
