/**
 * The local stack's key provider: a 32-byte key from the environment (PAYEE_LOCAL_SECRETS_KEY,
 * base64) stands in for KMS. Data keys are wrapped with AES-256-GCM under it, the owner (its
 * context key and id) bound as additional data the way KMS binds its encryption context.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describeOwner, type KeyProvider, type SecretOwner } from './envelope.ts';

function contextAad(owner: SecretOwner): Buffer {
  const { key, id } = describeOwner(owner);
  // A pay config's keeps the form it had before companies were sealed too, so that configs kept in
  // a local data directory still open.
  return Buffer.from(`payee/data-key/v1/${key === 'payId' ? id : `${key}=${id}`}`, 'utf8');
}

export class LocalKeyProvider implements KeyProvider {
  readonly name = 'local';
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('the local secrets key must be 32 bytes, base64');
  }

  async generateDataKey(owner: SecretOwner) {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(contextAad(owner));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64') };
  }

  async unwrapDataKey(owner: SecretOwner, wrapped: string) {
    const bytes = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12)).setAAD(contextAad(owner));
    decipher.setAuthTag(bytes.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
    } catch {
      throw new Error(`the data key of ${describeOwner(owner).label} does not unwrap with the local key`);
    }
  }
}

/** A fresh local key, base64: what the local stack generates once per state directory. */
export const newLocalKey = () => randomBytes(32).toString('base64');
