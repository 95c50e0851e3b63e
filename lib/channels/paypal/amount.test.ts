import { describe, expect, it } from 'vitest';
import { fromPayPalAmount, toPayPalAmount } from './amount.ts';

describe('PayPal amounts', () => {
  it('writes decimal strings with the currency exponent; JPY has no decimals', () => {
    expect(toPayPalAmount(1999, 'USD')).toEqual({ currency_code: 'USD', value: '19.99' });
    expect(toPayPalAmount(5, 'EUR')).toEqual({ currency_code: 'EUR', value: '0.05' });
    expect(toPayPalAmount(500, 'JPY')).toEqual({ currency_code: 'JPY', value: '500' });
  });

  it('reads them back exactly, and only in an offered currency', () => {
    expect(fromPayPalAmount({ currency_code: 'USD', value: '19.99' })).toEqual({ amount: 1999, currency: 'USD' });
    expect(fromPayPalAmount({ currency_code: 'JPY', value: '500' })).toEqual({ amount: 500, currency: 'JPY' });
    expect(fromPayPalAmount({ currency_code: 'USD', value: '10' })).toEqual({ amount: 1000, currency: 'USD' });
    expect(fromPayPalAmount({ currency_code: 'JPY', value: '1.5' })).toBeUndefined();
    expect(fromPayPalAmount({ currency_code: 'USD', value: '1.999' })).toBeUndefined();
    expect(fromPayPalAmount({ currency_code: 'USD', value: '-1.00' })).toBeUndefined();
    expect(fromPayPalAmount({ currency_code: 'HUF', value: '100' })).toBeUndefined();
    expect(fromPayPalAmount({ currency_code: 'USD', value: 19.99 })).toBeUndefined();
    expect(fromPayPalAmount(undefined)).toBeUndefined();
  });
});
