import { describe, expect, it } from 'vitest';
import { PAY_NO_PATTERN, payNoOf } from './ids.ts';

describe('payNoOf', () => {
  it('is the same payNo for the same company and outTradeNo, and a payNo every provider takes', () => {
    const payNo = payNoOf('C01JEXAMPLE', 'ORDER-1');
    expect(payNo).toMatch(PAY_NO_PATTERN);
    expect(payNoOf('C01JEXAMPLE', 'ORDER-1')).toBe(payNo);
  });

  it('differs with the company or the outTradeNo, including where a naive join would meet', () => {
    const payNos = [payNoOf('C1', 'A'), payNoOf('C2', 'A'), payNoOf('C1', 'B'), payNoOf('C1\nA', ''), payNoOf('C1', 'A\n')];
    expect(new Set(payNos).size).toBe(payNos.length);
  });

  it('spreads over the whole alphabet (every position varies)', () => {
    const payNos = Array.from({ length: 400 }, (_, i) => payNoOf('C1', `O${i}`));
    for (let position = 1; position < 27; position++) expect(new Set(payNos.map((p) => p[position])).size).toBeGreaterThan(20);
  });
});
