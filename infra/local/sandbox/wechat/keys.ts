/**
 * The sandbox's own WeChat Pay platform key pairs (PROTOCOLS.md §2.2): one answering under a
 * platform-certificate serial (hex), one under a WeChat Pay public key id (`PUB_KEY_ID_…`).
 * Generated per start, or kept as PEM files in keyDir; serials derive from the keys so they persist.
 * The "certificate" key is handed out as a public key PEM: node:crypto cannot issue X.509
 * certificates, and a certificate only wraps the same public key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PlatformKey {
  serial: string;
  privateKey: KeyObject;
  publicKeyPem: string;
}

export interface PlatformKeys {
  certificate: PlatformKey;
  publicKey: PlatformKey;
}

async function loadOrGenerate(file: string | undefined): Promise<string> {
  if (file) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  if (file) await writeFile(file, pem, { mode: 0o600 });
  return pem;
}

function platformKey(privatePem: string, serial: (digest: string) => string): PlatformKey {
  const privateKey = createPrivateKey(privatePem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { serial: serial(createHash('sha256').update(publicKeyPem).digest('hex')), privateKey, publicKeyPem };
}

export async function platformKeys(keyDir?: string): Promise<PlatformKeys> {
  if (keyDir) await mkdir(keyDir, { recursive: true });
  const file = (name: string) => (keyDir ? join(keyDir, name) : undefined);
  return {
    certificate: platformKey(await loadOrGenerate(file('wechat-platform-cert-key.pem')), (digest) => digest.slice(0, 40).toUpperCase()),
    publicKey: platformKey(await loadOrGenerate(file('wechat-platform-pubkey-key.pem')), (digest) => `PUB_KEY_ID_0114${BigInt(`0x${digest.slice(0, 24)}`).toString().slice(0, 28)}`),
  };
}
