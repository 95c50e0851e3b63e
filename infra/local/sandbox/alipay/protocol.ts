/**
 * The sandbox's side of Alipay's wire protocol, written independently of lib/channels/alipay so the
 * two check each other (PROTOCOLS.md §1.2, §1.3, §1.5): request verification with the app's public key,
 * reply envelopes and notifies signed with the sandbox's "Alipay" private key, GMT+8 wall-clock times.
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

/** What the gateway signs for a request: all parameters but `sign`, empty ones dropped, sorted, raw values. */
export function requestContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

export function verifyRequest(params: Record<string, string>, appPublicKey: KeyObject): boolean {
  const signature = params.sign ?? '';
  return createVerify('RSA-SHA256').update(requestContent(params), 'utf8').verify(appPublicKey, signature, 'base64');
}

/**
 * The reply envelope as Alipay writes it: `/` escaped as `\/`, and the signature over exactly the
 * text written for the `xxx_response` value, so clients must verify the raw text.
 */
export function envelope(responseKey: string, reply: object, privateKey: KeyObject | undefined, corruptSign = false): string {
  const inner = JSON.stringify(reply).replaceAll('/', '\\/');
  if (!privateKey) return `{"${responseKey}":${inner}}`;
  let sign = createSign('RSA-SHA256').update(inner, 'utf8').sign(privateKey, 'base64');
  if (corruptSign) sign = (sign.startsWith('A') ? 'B' : 'A') + sign.slice(1);
  return `{"${responseKey}":${inner},"sign":"${sign}"}`;
}

/**
 * What Alipay signs in an asynchronous notify, "rsaCheckV1" (§1.5): every parameter but `sign` and
 * `sign_type`, sorted, raw values, empty ones kept.
 */
export function notifyContent(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

/** The notify as Alipay POSTs it: signed with the sandbox's Alipay key, form-encoded (space as `+`). */
export function signedNotifyBody(params: Record<string, string>, privateKey: KeyObject): string {
  const sign = createSign('RSA-SHA256').update(notifyContent(params), 'utf8').sign(privateKey, 'base64');
  return new URLSearchParams({ ...params, sign }).toString();
}

const GMT8_MS = 8 * 3600_000;

export function beijingTime(instant: Date): string {
  return new Date(instant.getTime() + GMT8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseBeijingTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - GMT8_MS);
  // Date.UTC rolls 02-30 over to 03-02: a time that does not round-trip does not exist.
  return beijingTime(instant) === text ? instant : undefined;
}
