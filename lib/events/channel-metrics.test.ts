import { describe, expect, it } from 'vitest';
import type { PayeeEvent } from './event-types.ts';
import { channelCounts } from './channel-metrics.ts';

const event = (type: string, channel: string): PayeeEvent => ({
  id: `${type}-${channel}`, type, channel, occurredAt: '2026-11-24T10:00:00.000Z', companyId: 'C1', method: `${channel}.x`, status: 'X', amount: 1, currency: 'CNY', data: {},
});

describe('per-channel metrics of the published events', () => {
  it('counts creates, successes, failures, closes and refunds per channel, nothing else', () => {
    const counts = channelCounts([
      event('payment.created', 'alipay'),
      event('payment.created', 'alipay'),
      event('payment.succeeded', 'alipay'),
      event('payment.pending', 'alipay'),
      event('refund.succeeded', 'paypal'),
      event('payment.failed', 'wechat'),
      event('callback.rejected', 'wechat'),
    ]);
    expect(Object.fromEntries([...counts].map(([c, m]) => [c, Object.fromEntries(m)]))).toEqual({
      alipay: { ChannelPaymentsCreated: 2, ChannelPaymentsSucceeded: 1 },
      paypal: { ChannelRefundsSucceeded: 1 },
      wechat: { ChannelPaymentsFailed: 1 },
    });
  });
});
