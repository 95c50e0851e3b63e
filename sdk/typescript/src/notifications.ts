/**
 * Payee-Signature (docs/notifications.md): `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
 * one v1 per secret while a secret is rotated. Web Crypto only, so it runs wherever fetch does;
 * `subtle.verify` compares in constant time.
 */
import { SignatureVerificationError } from './errors.ts';
import { webCrypto } from './http.ts';
import type { GroupNotification, PaymentNotification } from './models.ts';

export const SIGNATURE_HEADER = 'Payee-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyOptions {
  /** How far `t` may be from now, in seconds (default 300): a captured notification cannot be replayed later. */
  toleranceSeconds?: number;
  /** Now, in unix seconds (tests and the vectors use `t`). */
  now?: number;
}

/**
 * What verifyNotification answers, told apart by `type`: `group.paid`/`group.closed` carry a Group,
 * every other type (`payment.succeeded`, ...) a Payment. Comparing `type` with a literal narrows it;
 * `isGroupNotification` narrows on the prefix.
 */
export type VerifiedNotification = (PaymentNotification & { type: `payment.${string}` }) | (GroupNotification & { type: `group.${string}` });

/** True for a group's notification (`group.` type): its `data` is the Group with its members. */
export function isGroupNotification(notification: VerifiedNotification): notification is GroupNotification & { type: `group.${string}` } {
  return notification.type.startsWith('group.');
}

const encoder = new TextEncoder();

async function hmacKey(secret: string, usage: 'sign' | 'verify') {
  return (await webCrypto()).subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const bytesOf = (body: string | Uint8Array) => (typeof body === 'string' ? encoder.encode(body) : body);

function signedPayload(t: string, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${t}.`);
  const raw = bytesOf(body);
  const payload = new Uint8Array(prefix.length + raw.length);
  payload.set(prefix);
  payload.set(raw, prefix.length);
  return payload;
}

/**
 * The notification in `rawBody` (the bytes received, before any JSON parsing), once its signature
 * verifies with `secret` and its timestamp is within the tolerance: a GroupNotification for a
 * `group.` type, a PaymentNotification otherwise. A SignatureVerificationError when it does not verify.
 */
export async function verifyNotification(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: VerifyOptions = {},
): Promise<VerifiedNotification> {
  await verifySignature(rawBody, header, secret, options);
  return JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody)) as VerifiedNotification;
}

/** Resolves when `header` signs `rawBody` with `secret` within the tolerance; a SignatureVerificationError otherwise. */
export async function verifySignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: VerifyOptions = {},
): Promise<void> {
  if (!header) throw new SignatureVerificationError('payee: no Payee-Signature header', { type: 'signature' });
  const fields = header.split(',').map((part) => {
    const i = part.indexOf('=');
    return [part.slice(0, i).trim(), part.slice(i + 1).trim()] as const;
  });
  const t = fields.find(([k]) => k === 't')?.[1] ?? '';
  const signatures = fields.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v)).map(([, v]) => v);
  if (!/^\d+$/.test(t) || signatures.length === 0) {
    throw new SignatureVerificationError('payee: Payee-Signature is not t=<unix seconds>,v1=<hex>', { type: 'signature' });
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - Number(t)) > tolerance) {
    throw new SignatureVerificationError(`payee: the notification's timestamp is more than ${tolerance} s from now`, { type: 'signature' });
  }
  const { subtle } = await webCrypto();
  const key = await hmacKey(secret, 'verify');
  const payload = signedPayload(t, rawBody);
  for (const signature of signatures) {
    const bytes = new Uint8Array(signature.match(/../g)!.map((h) => parseInt(h, 16)));
    if (await subtle.verify('HMAC', key, bytes, payload)) return;
  }
  throw new SignatureVerificationError('payee: no signature in Payee-Signature matches the body and secret', { type: 'signature' });
}

/** The Payee-Signature payee would send for `rawBody` at `t`: for a receiver's own tests. */
export async function signNotification(rawBody: string | Uint8Array, secret: string, t = Math.floor(Date.now() / 1000)): Promise<string> {
  const mac = await (await webCrypto()).subtle.sign('HMAC', await hmacKey(secret, 'sign'), signedPayload(String(t), rawBody));
  return `t=${t},v1=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
