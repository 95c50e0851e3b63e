/**
 * Money is an integer count of a currency's minor units (1999 CNY = 19.99 yuan). No floats.
 * Exponents are ICU's (CLDR's digits: CNY 2, JPY 0, KWD 3, and HUF, IDR 0), written out here:
 * the first Intl.NumberFormat loads ICU's formatting data, 20-100 ms of a cold function's first
 * request (measured). money.test.ts checks the table against Intl for every currency.
 */
import { InvalidRequest } from './errors.ts';

const known = new Set(Intl.supportedValuesOf('currency'));
const NO_MINOR_UNIT = new Set('AFN ALL BIF CLP COP DJF GNF HUF IDR IQD IRR ISK JPY KMF KPW KRW LAK LBP MGA MMK PKR PYG RWF SLL SOS SYP UGX VND VUV XAF XOF XPF YER'.split(' '));
const THREE_DIGITS = new Set(['BHD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && known.has(code);
}

/** Minor-unit exponent of an ISO 4217 currency. */
export function currencyExponent(currency: string): number {
  if (!isCurrency(currency)) throw new InvalidRequest('invalid_currency', `Unknown currency ${currency}`, 'currency');
  return NO_MINOR_UNIT.has(currency) ? 0 : THREE_DIGITS.has(currency) ? 3 : 2;
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
