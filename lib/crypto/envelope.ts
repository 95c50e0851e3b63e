/**
 * Envelope encryption of a pay config's secret fields (ARCHITECTURE.md §3: secrets are never
 * stored in clear). Every write draws a fresh 256-bit data key from the key provider (KMS in AWS,
 * a local key in the local stack); each secret field is sealed with AES-256-GCM under it, with a
 * random 96-bit IV and additional data binding the payId and the field name, so that a ciphertext
 * copied to another config or another field fails to open. Only the wrapped data key is stored.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { TtlCache } from '../store/ttl-cache.ts';

/** A sealed secret field as stored (base64 parts). */
export interface SealedSecret {
  enc: 'v1';
  iv: string;
  ct: string;
  tag: string;
}

/** The config's data key, wrapped by its provider: stored beside the config. */
export interface WrappedDataKey {
  provider: string;
  wrapped: string;
}

/** Where data keys come from and are unwrapped: KMS, or the local stack's key. */
export interface KeyProvider {
  /** Stored with each wrapped key, so that a key is never handed to the wrong provider. */
  readonly name: string;
  /** A fresh 32-byte data key and its wrapped form, bound to the payId (KMS: encryption context). */
  generateDataKey(payId: string): Promise<{ plaintext: Buffer; wrapped: string }>;
  unwrapDataKey(payId: string, wrapped: string): Promise<Buffer>;
}

const ALGORITHM = 'aes-256-gcm';

export function isSealedSecret(value: unknown): value is SealedSecret {
  return typeof value === 'object' && value !== null && (value as SealedSecret).enc === 'v1' && typeof (value as SealedSecret).ct === 'string';
}

/** The additional data of one field: moving a ciphertext to another payId or field breaks its tag. */
const fieldAad = (payId: string, field: string) => Buffer.from(`payee/pay-config/v1/${payId}/${field}`, 'utf8');

export function sealField(dataKey: Buffer, payId: string, field: string, clear: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv).setAAD(fieldAad(payId, field));
  const ct = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return { enc: 'v1', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function openField(dataKey: Buffer, payId: string, field: string, sealed: SealedSecret): string {
  const decipher = createDecipheriv(ALGORITHM, dataKey, Buffer.from(sealed.iv, 'base64')).setAAD(fieldAad(payId, field));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // Never echo the ciphertext or the key: only where it failed.
    throw new Error(`secret ${field} of pay config ${payId} does not open (tampered, moved, or another key)`);
  }
}

/**
 * Seals `secretFields` of `config` under a fresh data key; the other fields stay in clear so that
 * admin clients can show them. A secret field must be a string (every template's secrets are).
 */
export async function sealConfig(
  keys: KeyProvider,
  payId: string,
  config: Readonly<Record<string, unknown>>,
  secretFields: readonly string[],
): Promise<{ config: Record<string, unknown>; dataKey: WrappedDataKey }> {
  const { plaintext, wrapped } = await keys.generateDataKey(payId);
  try {
    const sealed: Record<string, unknown> = { ...config };
    for (const field of secretFields) {
      const value = config[field];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new Error(`secret field ${field} must be a string`);
      sealed[field] = sealField(plaintext, payId, field, value);
    }
    return { config: sealed, dataKey: { provider: keys.name, wrapped } };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Unwrapped data keys per (payId, wrapped key), for as long as the config cache keeps a config and
 * a little more: a config read is then one KMS Decrypt per container and config change, not per
 * request. A rewritten config has a new wrapped key, hence a new entry.
 */
const dataKeys = new TtlCache<Buffer>(5 * 60_000);

/** The config with every sealed field opened. Fields that are not sealed pass through. */
export async function openConfig(
  keys: KeyProvider,
  payId: string,
  config: Readonly<Record<string, unknown>>,
  dataKey: WrappedDataKey,
): Promise<Record<string, unknown>> {
  if (dataKey.provider !== keys.name) {
    throw new Error(`pay config ${payId} was sealed by the ${dataKey.provider} key provider; this runtime has ${keys.name}`);
  }
  const key = await dataKeys.get(`${payId}#${dataKey.wrapped}`, () => keys.unwrapDataKey(payId, dataKey.wrapped));
  return Object.fromEntries(Object.entries(config).map(([field, value]) => [field, isSealedSecret(value) ? openField(key, payId, field, value) : value]));
}
