/**
 * The sandbox's own PKI, standing in for CFCA and UnionPay (PROTOCOLS.md §3.2): a root, a middle
 * CA under it, UnionPay's signing certificate (its CN in UnionPay's `…@中国银联股份有限公司@…`
 * form, so payee's CN check runs as in production) and one signing certificate per merchant.
 * node:crypto cannot issue X.509 certificates, so this runs the `openssl` command line (OpenSSL 3,
 * for `req -x509 -CA`); with a keyDir the CA and UnionPay's certificate are kept across restarts.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Issued {
  keyPem: string;
  certPem: string;
}

export interface SandboxPki {
  root: Issued;
  middle: Issued;
  /** UnionPay's signing certificate: the signPubKeyCert of every message the sandbox signs. */
  unionpay: Issued;
}

const CA_EXTENSIONS = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
const LEAF_EXTENSIONS = ['-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation'];

/** A decimal serial of 11 digits, the size of UnionPay's certIds. */
const serial = (): string => String(randomInt(10_000_000_000, 99_999_999_999));

/** One RSA 2048 key and certificate; self-signed without an issuer. Exported for tests of odd certificates. */
export async function issue(subject: string, days: number, extensions: string[], issuer?: Issued): Promise<Issued> {
  const dir = await mkdtemp(join(tmpdir(), 'unionpay-sandbox-'));
  try {
    const args = ['req', '-x509', '-utf8', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')];
    args.push('-subj', subject, '-days', String(days), '-set_serial', serial(), ...extensions);
    if (issuer) {
      await writeFile(join(dir, 'ca.pem'), issuer.certPem);
      await writeFile(join(dir, 'ca-key.pem'), issuer.keyPem, { mode: 0o600 });
      args.push('-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca-key.pem'));
    }
    await run('openssl', args);
    return { keyPem: await readFile(join(dir, 'key.pem'), 'utf8'), certPem: await readFile(join(dir, 'cert.pem'), 'utf8') };
  } catch (error) {
    throw new Error(`the UnionPay sandbox needs OpenSSL 3 on PATH to issue its certificates: ${(error as Error).message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function generate(): Promise<SandboxPki> {
  const root = await issue('/C=CN/O=payee sandbox/CN=UnionPay Sandbox Root CA', 3650, CA_EXTENSIONS);
  const middle = await issue('/C=CN/O=payee sandbox/CN=UnionPay Sandbox OCA1', 3650, CA_EXTENSIONS, root);
  const unionpay = await issue('/C=CN/O=payee sandbox/OU=Enterprises/CN=041@8310000000083040@中国银联股份有限公司@00000001', 1825, LEAF_EXTENSIONS, middle);
  return { root, middle, unionpay };
}

/** A merchant's signing certificate, as the merchant gets it from CFCA (acp_*_sign.pfx). */
export function issueMerchant(pki: SandboxPki, merId: string): Promise<Issued> {
  return issue(`/C=CN/O=payee sandbox/OU=Enterprises/CN=041@${merId}@payee sandbox merchant@00000001`, 1825, LEAF_EXTENSIONS, pki.middle);
}

const FILES = { root: 'unionpay-root', middle: 'unionpay-middle', unionpay: 'unionpay-sign' } as const;

export async function sandboxPki(keyDir?: string): Promise<SandboxPki> {
  if (!keyDir) return generate();
  try {
    const load = async (name: string): Promise<Issued> => ({
      keyPem: await readFile(join(keyDir, `${name}.key.pem`), 'utf8'),
      certPem: await readFile(join(keyDir, `${name}.cert.pem`), 'utf8'),
    });
    return { root: await load(FILES.root), middle: await load(FILES.middle), unionpay: await load(FILES.unionpay) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pki = await generate();
  await mkdir(keyDir, { recursive: true });
  for (const [part, name] of Object.entries(FILES)) {
    await writeFile(join(keyDir, `${name}.key.pem`), pki[part as keyof SandboxPki].keyPem, { mode: 0o600 });
    await writeFile(join(keyDir, `${name}.cert.pem`), pki[part as keyof SandboxPki].certPem);
  }
  return pki;
}
