/**
 * RSA key loading for the WeChat Pay channel. Parsed KeyObjects are cached by key text: a warm
 * Lambda signs and verifies with the same few merchant and platform keys over and over.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { rsaKeyCache } from '../keys.ts';

/** RSA keys only; a parsed key of another type throws. */
const cached = rsaKeyCache(64);

/** The merchant API private key, `apiclient_key.pem` (PKCS#8 or PKCS#1 PEM) (PROTOCOLS.md §2.1). */
export function merchantPrivateKey(pem: string): KeyObject {
  return cached(`private:${pem}`, () => createPrivateKey(pem.trim()));
}

/**
 * A WeChat Pay verification key (§2.2): a platform certificate (PEM X.509, mode a) or the
 * WeChat Pay public key `pub_key.pem` (PEM SPKI, mode b).
 */
export function platformPublicKey(pem: string): KeyObject {
  return cached(`public:${pem}`, () => {
    const text = pem.trim();
    return text.startsWith('-----BEGIN CERTIFICATE-----') ? new X509Certificate(text).publicKey : createPublicKey(text);
  });
}
