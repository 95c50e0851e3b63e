/**
 * WeChat Pay API v3 signatures: SHA256withRSA (PKCS#1 v1.5, base64) over newline-joined lines
 * (PROTOCOLS.md §2.1 requests, §2.2 responses and notifications, §2.4 JSAPI/APP client params).
 */
import { createSign, createVerify, randomBytes } from 'node:crypto';
import { merchantPrivateKey, platformPublicKey } from './keys.ts';

export const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** Clock window of responses and notifications, as the SDKs apply it (§2.2: ±300 s). */
export const MAX_CLOCK_OFFSET_S = 300;
/** WeChat's deliberate probe signatures, which must never verify (§2.2). */
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

/** Every line followed by `\n`, the last one included (§2.1, §2.2). */
export function lines(...parts: string[]): string {
  return parts.map((part) => `${part}\n`).join('');
}

export function sign(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(merchantPrivateKey(privateKeyPem), 'base64');
}

export function verify(message: string, signature: string, publicKeyPem: string): boolean {
  if (signature.startsWith(PROBE_PREFIX)) return false;
  return createVerify('RSA-SHA256').update(message, 'utf8').verify(platformPublicKey(publicKeyPem), signature, 'base64');
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 32 random base62 characters, the SDKs' nonce_str. */
export function nonce(): string {
  return [...randomBytes(32)].map((byte) => BASE62[byte % 62]).join('');
}

/** The `Authorization` header of one request (§2.1): `url` is the path and query, as sent. */
export function authorization(
  auth: { mchid: string; serial: string; privateKeyPem: string },
  request: { method: string; url: string; body: string; timestamp: number; nonce: string },
): string {
  const signature = sign(lines(request.method, request.url, String(request.timestamp), request.nonce, request.body), auth.privateKeyPem);
  return `${SIGNATURE_TYPE} mchid="${auth.mchid}",nonce_str="${request.nonce}",signature="${signature}",timestamp="${request.timestamp}",serial_no="${auth.serial}"`;
}

export type SignedCheck =
  | { ok: true }
  | { ok: false; problem: 'missing' | 'unknown_serial' | 'bad_signature' | 'stale'; detail: string };

/**
 * Checks the Wechatpay-* headers of a response or notification over its raw body (§2.2): the key
 * is the one `Wechatpay-Serial` names in `platformKeys`; probe signatures fail; the signature is
 * checked before the clock so that `stale` always means "genuine but outside ±300 s".
 */
export function checkSigned(
  header: (name: string) => string | undefined,
  rawBody: string,
  platformKeys: Readonly<Record<string, string>>,
  now: Date,
): SignedCheck {
  const timestamp = header('wechatpay-timestamp');
  const nonceText = header('wechatpay-nonce');
  const signature = header('wechatpay-signature');
  const serial = header('wechatpay-serial');
  if (!timestamp || !nonceText || !signature || !serial) return { ok: false, problem: 'missing', detail: 'missing Wechatpay-Timestamp/Nonce/Signature/Serial' };
  const type = header('wechatpay-signature-type');
  if (type !== undefined && type !== SIGNATURE_TYPE) return { ok: false, problem: 'bad_signature', detail: `Wechatpay-Signature-Type ${type}` };
  if (!Object.hasOwn(platformKeys, serial)) return { ok: false, problem: 'unknown_serial', detail: `no platform key for Wechatpay-Serial ${serial}` };
  if (!verify(lines(timestamp, nonceText, rawBody), signature, platformKeys[serial]!)) {
    return { ok: false, problem: 'bad_signature', detail: `Wechatpay-Signature does not verify with ${serial}` };
  }
  const offset = /^\d{1,12}$/.test(timestamp) ? Math.abs(now.getTime() / 1000 - Number(timestamp)) : Infinity;
  if (!(offset <= MAX_CLOCK_OFFSET_S)) return { ok: false, problem: 'stale', detail: `Wechatpay-Timestamp ${timestamp} is more than ${MAX_CLOCK_OFFSET_S} s away` };
  return { ok: true };
}
