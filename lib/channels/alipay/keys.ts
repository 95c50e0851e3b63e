/**
 * RSA key loading for the Alipay channel. Parsed KeyObjects are cached by key text: a warm Lambda
 * signs with the same few merchant keys over and over, and parsing a key costs more than signing.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { rsaKeyCache } from '../keys.ts';

/** RSA keys only; a parsed key of another type throws. */
const cached = rsaKeyCache(32);

/**
 * The app private key: PEM, or the bare base64 DER that Alipay's key tool hands out, which is
 * PKCS#8 or PKCS#1 depending on the tool's setting (PROTOCOLS.md §1.7: the SDK's `keyType`).
 */
export function appPrivateKey(text: string): KeyObject {
  return cached(`private:${text}`, () => {
    const body = text.trim();
    if (body.startsWith('-----BEGIN')) return createPrivateKey(body);
    try {
      return createPrivateKey({ key: body, format: 'der', type: 'pkcs8', encoding: 'base64' });
    } catch {
      return createPrivateKey({ key: body, format: 'der', type: 'pkcs1', encoding: 'base64' });
    }
  });
}

/** The Alipay public key: PEM, or the bare base64 SPKI DER shown in Alipay's console. */
export function alipayPublicKey(text: string): KeyObject {
  return cached(`public:${text}`, () => {
    const body = text.trim();
    if (body.startsWith('-----BEGIN')) return createPublicKey(body);
    return createPublicKey({ key: body, format: 'der', type: 'spki', encoding: 'base64' });
  });
}
