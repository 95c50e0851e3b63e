import { describe, expect, it } from 'vitest';
import { createPaymentBody } from './create-payment-schema.ts';
import { MAX_DETAIL_LINES } from './details-schema.ts';

const body = (details: unknown, amount = 300) => ({ method: 'alipay.qr', outTradeNo: 'D1', subject: 's', amount, currency: 'CNY', details });
const line = (amount: number, accountOut = 'buyer', accountRec = 'seller') => ({ accountOut, accountRec, amount });
const issuesOf = (input: unknown) => {
  const r = createPaymentBody.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('details on create', () => {
  it('takes lines that add up to the amount, memo optional', () => {
    const r = createPaymentBody.safeParse(body([line(100), { ...line(200, 'buyer', 'platform'), memo: 'fee' }]));
    expect(r.success).toBe(true);
    expect(r.data?.details).toHaveLength(2);
  });
  it('refuses lines that do not add up, naming details', () => {
    expect(issuesOf(body([line(100), line(100)]))).toEqual(['details: lines add up to 200, not the amount 300']);
  });
  it('refuses an empty list, too many lines, a line moving into its own account, a zero amount', () => {
    expect(issuesOf(body([]))[0]).toMatch(/^details:/);
    expect(issuesOf(body(Array.from({ length: MAX_DETAIL_LINES + 1 }, () => line(1)), MAX_DETAIL_LINES + 1))[0]).toMatch(/^details:/);
    expect(issuesOf(body([line(300, 'a', 'a')]))).toEqual(['details.0.accountRec: must differ from accountOut']);
    expect(issuesOf(body([line(0), line(300)]))[0]).toMatch(/^details\.0\.amount:/);
  });
});
