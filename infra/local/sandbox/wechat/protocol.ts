/**
 * The sandbox's side of WeChat Pay API v3's wire protocol, written independently of
 * lib/channels/wechat so the two check each other (PROTOCOLS.md §2.1–§2.3): request Authorization
 * verification with the merchant's public key, signed replies and notifications, AES-256-GCM resources.
 */
import { createCipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export interface Authorization {
  mchid: string;
  serial: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** `WECHATPAY2-SHA256-RSA2048 k="v",k="v"` (any field order, §2.1), or undefined. */
export function parseAuthorization(header: string | undefined): Authorization | undefined {
  const match = /^WECHATPAY2-SHA256-RSA2048 (.*)$/.exec(header ?? '');
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const pair of match[1]!.matchAll(/(\w+)="([^"]*)"/g)) fields.set(pair[1]!, pair[2]!);
  const [mchid, serial, timestamp, nonce, signature] = ['mchid', 'serial_no', 'timestamp', 'nonce_str', 'signature'].map((name) => fields.get(name));
  if (!mchid || !serial || !timestamp || !nonce || !signature) return undefined;
  return { mchid, serial, timestamp, nonce, signature };
}

export function verifyRequest(auth: Authorization, method: string, pathAndQuery: string, body: string, merchantKey: KeyObject): boolean {
  const message = [method, pathAndQuery, auth.timestamp, auth.nonce, body].join('\n') + '\n';
  return createVerify('sha256WithRSAEncryption').update(message).verify(merchantKey, auth.signature, 'base64');
}

/** The Wechatpay-* headers that sign `body` (a reply or a notification) with a platform key (§2.2). */
export function signatureHeaders(body: string, serial: string, platformKey: KeyObject, corrupt = false): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  let signature = createSign('sha256WithRSAEncryption').update(`${timestamp}\n${nonce}\n${body}\n`).sign(platformKey, 'base64');
  if (corrupt) signature = (signature.startsWith('A') ? 'B' : 'A') + signature.slice(1);
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signature,
    'Wechatpay-Serial': serial,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/** An `encrypt-resource` (§2.3): AES-256-GCM with the APIv3 key, a 12-character nonce, tag appended. */
export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string, originalType: string) {
  const nonce = randomBytes(9).toString('base64url');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce)).setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce };
}

/** RFC 3339 in China time, as WeChat writes success_time and create_time. */
export function chinaTime(instant: Date): string {
  return `${new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
