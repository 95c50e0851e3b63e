/**
 * Certificates and keys (PROTOCOLS.md §3.2). Parsed objects are cached by their PEM text: a warm
 * Lambda signs and verifies with the same few merchants' certificates over and over.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { parsedCache, rsaKey } from '../keys.ts';

const cached = parsedCache<KeyObject | X509Certificate>(64);

export function loadCert(pem: string): X509Certificate {
  return cached(`cert:${pem}`, () => new X509Certificate(pem));
}

export function signingKey(pem: string): KeyObject {
  return cached(`private:${pem}`, () => rsaKey(createPrivateKey(pem)));
}

/** `certId`: the signing certificate's serial number in decimal (§3.1); node gives it in hex. */
export function certId(pem: string): string {
  return BigInt(`0x${loadCert(pem).serialNumber}`).toString(10);
}

/** The CN UnionPay's signing certificates carry between the 2nd and 3rd `@` (SDK `getIdentitiesFromCertficate`). */
export const UNIONPAY_CN_NAME = '中国银联股份有限公司';
/** What UnionPay's test environment signing certificate carries there instead (SDK, ifValidateCNName=false). */
const TEST_CN_NAME = '00040000:SIGN';

function cnIdentity(cert: X509Certificate): string | undefined {
  const cn = cert.toLegacyObject().subject?.CN;
  const parts = (typeof cn === 'string' ? cn : '').split('@');
  return parts.length >= 3 ? parts[2] : undefined;
}

function validAt(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom).getTime() <= now.getTime() && now.getTime() <= new Date(cert.validTo).getTime();
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

export interface Trust {
  rootCert: string;
  middleCert: string;
  validateCnName: boolean;
}

/**
 * The public key of a message's `signPubKeyCert`, once the certificate is shown to be UnionPay's
 * (SDK `CertUtil::verifyAndGetVerifyCert`): issued by the configured middle certificate, which the
 * configured root issued, all three valid now, and the CN naming UnionPay. A reason string otherwise.
 */
export function unionpayKey(pem: string, trust: Trust, now: Date): KeyObject | string {
  let leaf: X509Certificate;
  try {
    leaf = loadCert(pem);
  } catch {
    return 'signPubKeyCert is not an X.509 certificate';
  }
  const middle = loadCert(trust.middleCert);
  const root = loadCert(trust.rootCert);
  if (!issuedBy(leaf, middle)) return 'signPubKeyCert was not issued by the configured middle certificate';
  if (!issuedBy(middle, root)) return 'the middle certificate was not issued by the configured root certificate';
  for (const cert of [leaf, middle, root]) {
    if (!validAt(cert, now)) return `certificate ${cert.subject.replaceAll('\n', ', ')} is not valid at ${now.toISOString()}`;
  }
  const identity = cnIdentity(leaf);
  if (identity !== UNIONPAY_CN_NAME && (trust.validateCnName || identity !== TEST_CN_NAME)) {
    return `signPubKeyCert CN does not name ${UNIONPAY_CN_NAME}`;
  }
  return leaf.publicKey;
}
