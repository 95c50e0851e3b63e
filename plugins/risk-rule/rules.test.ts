import { describe, expect, it } from 'vitest';
import type { PayeeEvent } from '../../lib/events/event-types.ts';
import { riskRule } from './manifest.ts';
import { holdsOf, windowKey } from './rules.ts';

const created: PayeeEvent = {
  id: 'P1.payment.created.v1', type: 'payment.created', occurredAt: '2026-11-24T10:04:59.000Z', companyId: 'C1', channel: 'wechat', method: 'wechat.jsapi',
  status: 'CREATED', amount: 5000, currency: 'CNY', payerRef: 'ref1', data: { payNo: 'P1' },
};
const settings = riskRule.settings.parse({ maxAmount: 4999, maxPerPayer: 3 });

describe('risk rules', () => {
  it('holds an amount above the limit, and a buyer past the count of the window', () => {
    expect(holdsOf(created, settings, 1)).toEqual([{ rule: 'amount', amount: 5000 }]);
    expect(holdsOf({ ...created, amount: 4999 }, settings, 3)).toEqual([]);
    expect(holdsOf({ ...created, amount: 4999 }, settings, 4)).toEqual([{ rule: 'payer_frequency', count: 4 }]);
    expect(holdsOf({ ...created, amount: 4999 }, settings, undefined)).toEqual([]);
  });

  it('counts one buyer per company and fixed window (10 minutes by default)', () => {
    expect(settings.windowMinutes).toBe(10);
    expect(windowKey(created, 10)).toBe(windowKey({ ...created, occurredAt: '2026-11-24T10:00:00.000Z' }, 10));
    expect(windowKey(created, 10)).not.toBe(windowKey({ ...created, occurredAt: '2026-11-24T10:10:00.000Z' }, 10));
    expect(windowKey(created, 10)).not.toBe(windowKey({ ...created, companyId: 'C2' }, 10));
  });

  it('takes no settings without a rule', () => {
    expect(riskRule.settings.safeParse({}).success).toBe(false);
    expect(riskRule.settings.safeParse({ maxAmount: -1 }).success).toBe(false);
  });
});
