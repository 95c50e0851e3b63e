/**
 * The `Payee-Signature` header on merchant notifications (docs/notifications.md):
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The key is the whole secret
 * string (`whsec_...`) as UTF-8 bytes, so merchants paste it into their HMAC call unchanged.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Payee-Signature';
/** Receivers refuse a `t` further than this from their clock: a captured notification cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new merchant notify secret: `whsec_` and 32 random bytes, base64url. */
export const newNotifySecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const hmacHex = (secret: string, t: number, body: string) =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${t}.${body}`, 'utf8').digest('hex');

/** The header value for `body` sent at unix second `t`. */
export function signNotification(secret: string, t: number, body: string): string {
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/**
 * What a merchant does on receipt, here so tests and docs have one reference: true when one `v1`
 * of the header is the HMAC of the raw body and `t` is within the tolerance of `nowSeconds`.
 */
export function verifyNotification(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  let t: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const [key, value] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    if (key === 't' && /^\d+$/.test(value)) t = Number(value);
    // More than one v1 may come while a secret is being rotated.
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (t === undefined || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, t, body), 'hex');
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
}
