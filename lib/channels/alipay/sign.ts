/**
 * Alipay OpenAPI 2.0 RSA2 signatures: SHA256withRSA, PKCS#1 v1.5, base64 (PROTOCOLS.md §1.2).
 */
import { createSign, createVerify } from 'node:crypto';
import { alipayPublicKey, appPrivateKey } from './keys.ts';

function joinSorted(params: Readonly<Record<string, string>>, keys: string[]): string {
  return keys.sort().map((key) => `${key}=${params[key]}`).join('&');
}

/**
 * A request's string to sign (§1.2): every parameter but `sign` (`sign_type` stays in), empty values
 * dropped, keys sorted, raw (not URL-encoded) values joined as k=v&k=v.
 */
export function requestSignContent(params: Readonly<Record<string, string>>): string {
  return joinSorted(params, Object.keys(params).filter((key) => key !== 'sign' && params[key] !== ''));
}

/**
 * A notification's string to check, "rsaCheckV1" (§1.5): `sign` AND `sign_type` removed. Empty values
 * are kept, as the official Java `getSignCheckContentV1` and alipay-sdk's `checkNotifySign` keep them.
 */
export function notifySignContent(params: Readonly<Record<string, string>>): string {
  return joinSorted(params, Object.keys(params).filter((key) => key !== 'sign' && key !== 'sign_type'));
}

/**
 * "rsaCheckV2" (§1.5): only `sign` removed, `sign_type` kept, as Alipay signs some other notifications
 * (生活号) and as alipay-sdk's `sign()` signs any parameter set.
 */
export function notifySignContentV2(params: Readonly<Record<string, string>>): string {
  return joinSorted(params, Object.keys(params).filter((key) => key !== 'sign'));
}

export function signRsa2(content: string, privateKeyText: string): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(appPrivateKey(privateKeyText), 'base64');
}

export function verifyRsa2(content: string, signature: string, publicKeyText: string): boolean {
  return createVerify('RSA-SHA256').update(content, 'utf8').verify(alipayPublicKey(publicKeyText), signature, 'base64');
}

/**
 * Verifies a form-decoded asynchronous notification with the Alipay public key (§1.5). Trade
 * notifications are signed rsaCheckV1-style, so that string is tried first; then the V2 string with
 * `sign_type`, because alipay-sdk's `checkNotifySign` accepts either and a merchant switching from
 * it must not start refusing what it accepted. Either way every business field is signed; V1
 * leaves `sign_type` unsigned, which only names the algorithm (callers insist on RSA2).
 */
export function verifyNotify(params: Readonly<Record<string, string>>, publicKeyText: string): boolean {
  const signature = params.sign;
  if (signature === undefined) return false;
  return (
    verifyRsa2(notifySignContent(params), signature, publicKeyText) ||
    (params.sign_type !== undefined && verifyRsa2(notifySignContentV2(params), signature, publicKeyText))
  );
}

/** Index just past the closing quote of the JSON string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** Index of the `,` or `}` that ends the member value starting at `start`. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
    i++;
  }
  return i;
}

/**
 * The raw text of each top-level member value of a JSON object, exactly as written. Alipay signs
 * the `xxx_response` value as the bytes it sent, escapes such as `\/` and spacing included (§1.3),
 * so that text is cut out of the body, never re-serialised. `text` must be valid JSON: parse it first.
 */
export function rawMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = text.indexOf('{') + 1;
  for (;;) {
    const keyStart = text.indexOf('"', i);
    if (i === 0 || keyStart < 0) return members;
    const keyEnd = stringEnd(text, keyStart);
    let start = text.indexOf(':', keyEnd) + 1;
    while (/\s/.test(text[start] ?? '')) start++;
    const end = valueEnd(text, start);
    members.set(JSON.parse(text.slice(keyStart, keyEnd)) as string, text.slice(start, end).trimEnd());
    i = end + 1;
  }
}
