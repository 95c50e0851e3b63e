import { describe, expect, it } from 'vitest';
import { currencyExponent, fromDecimalString, isCurrency, toDecimalString } from './money.ts';

describe('money', () => {
  it('knows ISO 4217 exponents', () => {
    expect(currencyExponent('CNY')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
  });
  it("has ICU's exponent for every currency Intl knows", () => {
    for (const currency of Intl.supportedValuesOf('currency')) {
      const icu = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
      expect([currency, currencyExponent(currency)]).toEqual([currency, icu]);
    }
  });
  it('rejects what is not a currency', () => {
    expect(isCurrency('CNY')).toBe(true);
    expect(isCurrency('cny')).toBe(false);
    expect(isCurrency('ABC')).toBe(false);
    expect(() => currencyExponent('ZZZ')).toThrow(/Unknown currency/);
  });
  it('formats minor units exactly', () => {
    expect(toDecimalString(1999, 'CNY')).toBe('19.99');
    expect(toDecimalString(1, 'CNY')).toBe('0.01');
    expect(toDecimalString(500, 'JPY')).toBe('500');
    expect(toDecimalString(1234, 'KWD')).toBe('1.234');
    expect(toDecimalString(-5, 'CNY')).toBe('-0.05');
    expect(toDecimalString(9007199254740991, 'CNY')).toBe('90071992547409.91');
  });
  it('parses decimal strings strictly', () => {
    expect(fromDecimalString('19.99', 'CNY')).toBe(1999);
    expect(fromDecimalString('0.1', 'CNY')).toBe(10);
    expect(fromDecimalString('2.00', 'CNY')).toBe(200);
    expect(fromDecimalString('500', 'JPY')).toBe(500);
    expect(fromDecimalString('500.00', 'JPY')).toBe(500);
    expect(fromDecimalString('1.001', 'CNY')).toBeUndefined();
    expect(fromDecimalString('1e3', 'CNY')).toBeUndefined();
    expect(fromDecimalString(' 1.00', 'CNY')).toBeUndefined();
  });
  it('round-trips every amount of a sample', () => {
    for (const minor of [0, 1, 9, 10, 99, 100, 101, 123456789]) {
      for (const currency of ['CNY', 'JPY', 'KWD', 'USD']) {
        expect(fromDecimalString(toDecimalString(minor, currency), currency)).toBe(minor);
      }
    }
  });
});
