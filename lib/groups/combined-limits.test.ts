import { describe, expect, it } from 'vitest';
import { combinedProblem } from './combined-limits.ts';

describe('combinedProblem', () => {
  it('takes WeChat, Alipay (page, wap, app) and PayPal groups of 2-10', () => {
    for (const method of ['wechat.native', 'alipay.page', 'alipay.wap', 'alipay.app', 'paypal.checkout']) {
      expect(combinedProblem(method, 2, { clientIp: '203.0.113.7' }), method).toBeUndefined();
      expect(combinedProblem(method, 10, { clientIp: '203.0.113.7' }), method).toBeUndefined();
      expect(combinedProblem(method, 11, { clientIp: '203.0.113.7' })?.field, method).toBe('members');
      expect(combinedProblem(method, 1, { clientIp: '203.0.113.7' })?.field, method).toBe('members');
    }
  });

  it('names the field at fault: a method without a combined form, UnionPay, a missing payer field', () => {
    expect(combinedProblem('alipay.qr', 2)).toEqual({ field: 'method', message: expect.stringContaining('alipay.page, alipay.wap, alipay.app') });
    expect(combinedProblem('unionpay.web', 2)).toEqual({ field: 'method', message: expect.stringContaining('UnionPay has no combined consumer payment') });
    expect(combinedProblem('wechat.native', 2)).toEqual({ field: 'payer.clientIp', message: expect.any(String) });
    expect(combinedProblem('paypal.checkout', 2)).toBeUndefined();
  });
});
