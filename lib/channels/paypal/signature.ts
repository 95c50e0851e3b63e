/**
 * PayPal's offline webhook signature (§4.2 "Offline verification"): SHA256withRSA over
 * `transmissionId|transmissionTime|webhookId|crc32(raw body bytes, unsigned decimal)`.
 */
import { verify, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';

export function signedMessage(transmissionId: string, transmissionTime: string, webhookId: string, rawBody: string): string {
  return `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(Buffer.from(rawBody, 'utf8'))}`;
}

export function verifySignature(message: string, signatureBase64: string, publicKey: KeyObject): boolean {
  // Buffer.from(…, 'base64') skips junk silently: only canonical base64 is a signature.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64)) return false;
  return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'));
}
