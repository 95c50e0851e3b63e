/**
 * The sandbox's own "Alipay" RSA 2048 key pair: generated per start, or kept as PEM files in
 * keyDir so `npm start` can hand the public key to users and keep it across restarts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SandboxKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

export const PRIVATE_KEY_FILE = 'alipay-private-key.pem';
export const PUBLIC_KEY_FILE = 'alipay-public-key.pem';

function generate(): SandboxKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export async function sandboxKeys(keyDir?: string): Promise<SandboxKeys> {
  if (!keyDir) return generate();
  try {
    return {
      privateKeyPem: await readFile(join(keyDir, PRIVATE_KEY_FILE), 'utf8'),
      publicKeyPem: await readFile(join(keyDir, PUBLIC_KEY_FILE), 'utf8'),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = generate();
  await mkdir(keyDir, { recursive: true });
  await writeFile(join(keyDir, PRIVATE_KEY_FILE), keys.privateKeyPem, { mode: 0o600 });
  await writeFile(join(keyDir, PUBLIC_KEY_FILE), keys.publicKeyPem);
  return keys;
}
