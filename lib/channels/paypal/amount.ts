/**
 * PayPal amounts: `{currency_code, value}` with value a decimal string (§4.1, pattern
 * `^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$`). The currencies offered all have PayPal decimals equal
 * to their ISO 4217 exponent (JPY none), so money.ts converts them exactly.
 */
import { fromDecimalString, toDecimalString } from '../../domain/money.ts';

/**
 * USD, EUR and JPY are PayPal currencies everywhere; CNY is one too, but PayPal accepts it only
 * for accounts held in China. HUF and TWD are left out on purpose: PayPal takes them without
 * decimals although ISO 4217 gives them two.
 */
export const PAYPAL_CURRENCIES = ['USD', 'EUR', 'JPY', 'CNY'] as const;

export interface PayPalAmount {
  currency_code: string;
  value: string;
}

export function toPayPalAmount(minor: number, currency: string): PayPalAmount {
  return { currency_code: currency, value: toDecimalString(minor, currency) };
}

/** Minor units and currency of a PayPal amount; undefined unless it is an exact amount in an offered currency. */
export function fromPayPalAmount(amount: unknown): { amount: number; currency: string } | undefined {
  if (typeof amount !== 'object' || amount === null) return undefined;
  const { currency_code: currency, value } = amount as Record<string, unknown>;
  if (typeof currency !== 'string' || typeof value !== 'string') return undefined;
  if (!(PAYPAL_CURRENCIES as readonly string[]).includes(currency)) return undefined;
  const minor = fromDecimalString(value, currency);
  return minor === undefined || minor < 0 ? undefined : { amount: minor, currency };
}
