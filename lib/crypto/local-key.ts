/**
 * The local stack's key provider: a 32-byte key from the environment (PAYEE_LOCAL_SECRETS_KEY,
 * base64) stands in for KMS. Data keys are wrapped with AES-256-GCM under it, the payId bound as
 * additional data the way KMS binds its encryption context.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider } from './envelope.ts';

const contextAad = (payId: string) => Buffer.from(`payee/data-key/v1/${payId}`, 'utf8');

export class LocalKeyProvider implements KeyProvider {
  readonly name = 'local';
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('the local secrets key must be 32 bytes, base64');
  }

  async generateDataKey(payId: string) {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(contextAad(payId));
    const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64') };
  }

  async unwrapDataKey(payId: string, wrapped: string) {
    const bytes = Buffer.from(wrapped, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12)).setAAD(contextAad(payId));
    decipher.setAuthTag(bytes.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
    } catch {
      throw new Error(`the data key of pay config ${payId} does not unwrap with the local key`);
    }
  }
}

/** A fresh local key, base64: what the local stack generates once per state directory. */
export const newLocalKey = () => randomBytes(32).toString('base64');
