/**
 * Money is an integer count of a currency's minor units (1999 CNY = 19.99 yuan). No floats.
 * Exponents come from ICU through Intl (ISO 4217 digits: CNY 2, JPY 0, KWD 3).
 */
import { InvalidRequest } from './errors.ts';

const known = new Set(Intl.supportedValuesOf('currency'));
const exponents = new Map<string, number>();

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}

/** Minor-unit exponent of an ISO 4217 currency. */
export function currencyExponent(currency: string): number {
  let e = exponents.get(currency);
  if (e === undefined) {
    if (!isCurrency(currency)) throw new InvalidRequest('invalid_currency', `Unknown currency ${currency}`, 'currency');
    e = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, e);
  }
  return e;
}

/** 1999 CNY → "19.99"; 500 JPY → "500"; 1234 KWD → "1.234". Exact, string arithmetic only. */
export function toDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount must be a safe integer, got ${minor}`);
  const e = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor));
  if (e === 0) return sign + digits;
  const padded = digits.padStart(e + 1, '0');
  return `${sign}${padded.slice(0, -e)}.${padded.slice(-e)}`;
}

/**
 * "19.99" CNY → 1999. Strict: at most the currency's digits, no exponent notation, no spaces.
 * Returns undefined for anything that is not an exact amount in that currency.
 */
export function fromDecimalString(text: string, currency: string): number | undefined {
  const e = currencyExponent(currency);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > e) {
    if (/[^0]/.test(frac.slice(e))) return undefined;
  }
  const minor = Number(whole + frac.slice(0, e).padEnd(e, '0'));
  if (!Number.isSafeInteger(minor)) return undefined;
  return sign ? -minor : minor;
}
