/**
 * AEAD_AES_256_GCM decryption of notification resources with the APIv3 key (PROTOCOLS.md §2.3):
 * IV = `nonce` as UTF-8, AAD = `associated_data`, ciphertext = base64(ct ‖ 16-byte tag).
 */
import { createDecipheriv, type CipherGCMTypes } from 'node:crypto';

const TAG_BYTES = 16;

export interface EncryptedResource {
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

/**
 * The plaintext, or undefined when the tag does not check (wrong key, tampered data). The key
 * length picks AES-256 for real 32-byte APIv3 keys; the published Go vector's 16-byte test key
 * is AES-128 (§2.6).
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string | undefined {
  const key = Buffer.from(apiV3Key, 'utf8');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (![16, 24, 32].includes(key.length) || data.length < TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as CipherGCMTypes, key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
