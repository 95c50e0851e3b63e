/**
 * The sandbox's own "PayPal" webhook signing certificate and the CA that issued it, as PayPal
 * serves them at PAYPAL-CERT-URL (PROTOCOLS.md §4.2): a leaf whose subject CN is
 * messageverificationcerts.sandbox.paypal.com, followed by its issuer. node:crypto parses
 * certificates but cannot make them, so this writes the few DER structures X.509 needs itself.
 * Generated at start, or kept as PEM files in keyDir.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SandboxCerts {
  /** Leaf then CA, PEM: what the cert URL serves. */
  chainPem: string;
  /** The leaf's private key (PKCS#8 PEM): what webhooks are signed with. */
  signingKeyPem: string;
}

export const CHAIN_FILE = 'paypal-webhook-chain.pem';
export const SIGNING_KEY_FILE = 'paypal-webhook-signing-key.pem';

function der(tag: number, ...contents: Buffer[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : n < 0x10000 ? Buffer.from([0x82, n >> 8, n & 0xff]) : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
const seq = (...items: Buffer[]) => der(0x30, ...items);

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

function name(attributes: [string, string][]): Buffer {
  return seq(...attributes.map(([type, value]) => der(0x31, seq(oid(type), der(0x0c, Buffer.from(value, 'utf8'))))));
}

function utcTime(date: Date): Buffer {
  return der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`, 'ascii'));
}

const CN = '2.5.4.3';
const O = '2.5.4.10';
const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), der(0x05));
const DAY_MS = 86_400_000;

function certificate(subject: Buffer, issuer: Buffer, publicKey: KeyObject, issuerKey: KeyObject, ca: boolean): string {
  const serial = randomBytes(8);
  // Positive and minimal in DER: no leading zero byte, no high bit.
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  const now = Date.now();
  const extensions = ca
    ? [der(0xa3, seq(seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, seq(der(0x01, Buffer.from([0xff])))))))]
    : [];
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    SHA256_WITH_RSA,
    issuer,
    seq(utcTime(new Date(now - DAY_MS)), utcTime(new Date(now + 365 * DAY_MS))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    ...extensions,
  );
  const signature = sign('sha256', tbs, issuerKey);
  const cert = seq(tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  return `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function generate(): SandboxCerts {
  const ca = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const leaf = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const caName = name([[O, 'payee sandbox'], [CN, 'payee sandbox PayPal CA']]);
  const leafName = name([[O, 'PayPal, Inc.'], [CN, 'messageverificationcerts.sandbox.paypal.com']]);
  return {
    chainPem: certificate(leafName, caName, leaf.publicKey, ca.privateKey, false) + certificate(caName, caName, ca.publicKey, ca.privateKey, true),
    signingKeyPem: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export async function sandboxCerts(keyDir?: string): Promise<SandboxCerts> {
  if (!keyDir) return generate();
  try {
    return {
      chainPem: await readFile(join(keyDir, CHAIN_FILE), 'utf8'),
      signingKeyPem: await readFile(join(keyDir, SIGNING_KEY_FILE), 'utf8'),
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const certs = generate();
  await mkdir(keyDir, { recursive: true });
  await writeFile(join(keyDir, SIGNING_KEY_FILE), certs.signingKeyPem, { mode: 0o600 });
  await writeFile(join(keyDir, CHAIN_FILE), certs.chainPem);
  return certs;
}
