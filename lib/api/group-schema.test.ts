import { describe, expect, it } from 'vitest';
import { InvalidRequest } from '../domain/errors.ts';
import { parseWith } from '../http/validation.ts';
import { createGroupBody } from './group-schema.ts';

const member = (n: number, extra: Record<string, unknown> = {}) => ({ outTradeNo: `G-${n}`, subject: `item ${n}`, amount: 100 + n, currency: 'CNY', ...extra });
const members = (count: number) => Array.from({ length: count }, (_, i) => member(i));

/** The param of the 400 the body gets, or undefined when it is accepted. */
function refusedParam(body: unknown): string | undefined {
  try {
    parseWith(createGroupBody, body);
    return undefined;
  } catch (err) {
    if (err instanceof InvalidRequest) return err.param;
    throw err;
  }
}

describe('createGroupBody', () => {
  it('takes a batch of 50 and a combined WeChat group of 3', () => {
    expect(refusedParam({ mode: 'batch', method: 'alipay.qr', members: members(50) })).toBeUndefined();
    expect(refusedParam({ mode: 'combined', method: 'wechat.native', payer: { clientIp: '203.0.113.9' }, members: members(3) })).toBeUndefined();
  });

  it('refuses 51 members and an empty group, naming members', () => {
    expect(refusedParam({ mode: 'batch', method: 'alipay.qr', members: members(51) })).toBe('members');
    expect(refusedParam({ mode: 'batch', method: 'alipay.qr', members: [] })).toBe('members');
  });

  it('names the member whose outTradeNo repeats another', () => {
    expect(refusedParam({ mode: 'batch', method: 'alipay.qr', members: [member(1), member(2), member(1)] })).toBe('members.2.outTradeNo');
  });

  it('needs a method for every batch member, from the member or the group', () => {
    expect(refusedParam({ mode: 'batch', members: [member(1, { method: 'alipay.qr' }), member(2)] })).toBe('members.1.method');
  });

  it('refuses mixed currencies, UnionPay and a lone member in combined mode', () => {
    const payer = { clientIp: '203.0.113.9' };
    expect(refusedParam({ mode: 'combined', method: 'wechat.native', payer, members: [member(1), member(2, { currency: 'USD' })] })).toBe('members.1.currency');
    expect(refusedParam({ mode: 'combined', method: 'unionpay.web', members: members(2) })).toBe('method');
    expect(refusedParam({ mode: 'combined', method: 'wechat.native', members: members(1) })).toBe('members');
    expect(refusedParam({ mode: 'combined', method: 'wechat.native', members: members(2) })).toBe('payer.clientIp');
    expect(refusedParam({ mode: 'combined', members: members(2) })).toBe('method');
    expect(refusedParam({ mode: 'combined', method: 'wechat.native', payer, members: [member(1), member(2, { payId: 'cfg_x' })] })).toBe('members.1.payId');
  });

  it('checks member detail lines against the member amount', () => {
    const details = [{ accountOut: 'buyer', accountRec: 'shop', amount: 50 }];
    expect(refusedParam({ mode: 'batch', method: 'alipay.qr', members: [member(0, { amount: 50, details }), member(1, { details })] })).toBe('members.1.details');
  });
});
