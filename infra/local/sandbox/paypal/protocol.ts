/**
 * The sandbox's own PayPal webhook signing (PROTOCOLS.md §4.2), independent of payee's lib code:
 * its own CRC-32 (the IEEE polynomial zlib uses), so that a mistake on either side shows.
 */
import { randomUUID, sign, type KeyObject } from 'node:crypto';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** PayPal writes transmission times in RFC 3339 UTC without fractions (the §4.4 vector: 2019-08-29T10:49:33Z). */
export const transmissionTime = (now: Date) => `${now.toISOString().slice(0, 19)}Z`;

/**
 * The headers of one transmission of `body`: a new transmission id and time each time, signed
 * over `id|time|webhookId|crc32(body)`. `corrupt` flips the signature (the badsign fault).
 */
export function webhookHeaders(body: string, webhookId: string, certUrl: string, key: KeyObject, now: Date, corrupt = false): Record<string, string> {
  const id = randomUUID();
  const time = transmissionTime(now);
  const signature = sign('sha256', Buffer.from(`${id}|${time}|${webhookId}|${crc32(Buffer.from(body, 'utf8'))}`, 'utf8'), key);
  if (corrupt) signature[0]! ^= 0xff;
  return {
    'content-type': 'application/json',
    'paypal-transmission-id': id,
    'paypal-transmission-time': time,
    'paypal-transmission-sig': signature.toString('base64'),
    'paypal-cert-url': certUrl,
    'paypal-auth-algo': 'SHA256withRSA',
  };
}
