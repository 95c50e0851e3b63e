/**
 * Envelope encryption of secret fields (ARCHITECTURE.md §3: secrets are never stored in clear): a
 * pay config's credentials, a company's notify secret. Every write draws a fresh 256-bit data key
 * from the key provider (KMS in AWS, a local key in the local stack), bound to the owner (payId or
 * companyId); each secret field is sealed with AES-256-GCM under it, with a random 96-bit IV and
 * additional data binding the owner and the field name, so that a ciphertext copied to another
 * owner or another field fails to open. Only the wrapped data key is stored.
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

/** The owner's data key, wrapped by its provider: stored beside the sealed fields. */
export interface WrappedDataKey {
  provider: string;
  wrapped: string;
}

/**
 * What a data key and the fields sealed under it belong to: a pay config, or a company (its notify
 * secret). KMS takes it as is as the encryption context (so CloudTrail names the owner of every
 * Decrypt); the local key and each field bind it as additional data.
 */
export type SecretOwner = { readonly payId: string } | { readonly companyId: string };

/** The owner's context key and id, the kind its fields' additional data names, and how errors name it. */
export function describeOwner(owner: SecretOwner): { key: string; id: string; kind: string; label: string } {
  return 'payId' in owner
    ? { key: 'payId', id: owner.payId, kind: 'pay-config', label: `pay config ${owner.payId}` }
    : { key: 'companyId', id: owner.companyId, kind: 'company', label: `company ${owner.companyId}` };
}

/** Where data keys come from and are unwrapped: KMS, or the local stack's key. */
export interface KeyProvider {
  /** Stored with each wrapped key, so that a key is never handed to the wrong provider. */
  readonly name: string;
  /** A fresh 32-byte data key and its wrapped form, bound to the owner (KMS: encryption context). */
  generateDataKey(owner: SecretOwner): Promise<{ plaintext: Buffer; wrapped: string }>;
  unwrapDataKey(owner: SecretOwner, wrapped: string): Promise<Buffer>;
}

const ALGORITHM = 'aes-256-gcm';

export function isSealedSecret(value: unknown): value is SealedSecret {
  return typeof value === 'object' && value !== null && (value as SealedSecret).enc === 'v1' && typeof (value as SealedSecret).ct === 'string';
}

/** The additional data of one field: moving a ciphertext to another owner or field breaks its tag. */
function fieldAad(owner: SecretOwner, field: string): Buffer {
  const { kind, id } = describeOwner(owner);
  return Buffer.from(`payee/${kind}/v1/${id}/${field}`, 'utf8');
}

export function sealField(dataKey: Buffer, owner: SecretOwner, field: string, clear: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, dataKey, iv).setAAD(fieldAad(owner, field));
  const ct = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return { enc: 'v1', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function openField(dataKey: Buffer, owner: SecretOwner, field: string, sealed: SealedSecret): string {
  const decipher = createDecipheriv(ALGORITHM, dataKey, Buffer.from(sealed.iv, 'base64')).setAAD(fieldAad(owner, field));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // Never echo the ciphertext or the key: only where it failed.
    throw new Error(`secret ${field} of ${describeOwner(owner).label} does not open (tampered, moved, or another key)`);
  }
}

/**
 * Seals `secretFields` of `fields` under a fresh data key; the other fields stay in clear so that
 * admin clients can show them. A secret field must be a string (every template's secrets are).
 */
export async function sealSecrets(
  keys: KeyProvider,
  owner: SecretOwner,
  fields: Readonly<Record<string, unknown>>,
  secretFields: readonly string[],
): Promise<{ fields: Record<string, unknown>; dataKey: WrappedDataKey }> {
  const { plaintext, wrapped } = await keys.generateDataKey(owner);
  try {
    const sealed: Record<string, unknown> = { ...fields };
    for (const field of secretFields) {
      const value = fields[field];
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new Error(`secret field ${field} must be a string`);
      sealed[field] = sealField(plaintext, owner, field, value);
    }
    return { fields: sealed, dataKey: { provider: keys.name, wrapped } };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Unwrapped data keys per (owner, wrapped key), for as long as the config and notify secret caches
 * keep what they opened and a little more: a read is then one KMS Decrypt per container and write,
 * not per request. A rewrite has a new wrapped key, hence a new entry.
 */
const dataKeys = new TtlCache<Buffer>(5 * 60_000);

/** The fields with every sealed one opened. Fields that are not sealed pass through. */
export async function openSecrets(
  keys: KeyProvider,
  owner: SecretOwner,
  fields: Readonly<Record<string, unknown>>,
  dataKey: WrappedDataKey,
): Promise<Record<string, unknown>> {
  const { key: contextKey, id, label } = describeOwner(owner);
  if (dataKey.provider !== keys.name) {
    throw new Error(`${label} was sealed by the ${dataKey.provider} key provider; this runtime has ${keys.name}`);
  }
  const key = await dataKeys.get(`${contextKey}=${id}#${dataKey.wrapped}`, () => keys.unwrapDataKey(owner, dataKey.wrapped));
  return Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, isSealedSecret(value) ? openField(key, owner, field, value) : value]));
}
