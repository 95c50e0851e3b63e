/** The Alipay pay config (cnf_pay) for one merchant app. */
import * as z from 'zod/mini';
import { alipayPublicKey, appPrivateKey } from './keys.ts';

function parses(load: (text: string) => unknown): (text: string) => boolean {
  return (text) => {
    try {
      load(text);
      return true;
    } catch {
      return false;
    }
  };
}

export const alipayConfigSchema = z.object({
  appId: z.string().check(z.minLength(1)),
  privateKey: z.string().check(z.refine(parses(appPrivateKey), 'not an RSA private key (PEM, or base64 PKCS#8 / PKCS#1)')),
  alipayPublicKey: z.string().check(z.refine(parses(alipayPublicKey), 'not an RSA public key (PEM, or base64 SPKI)')),
  gatewayUrl: z._default(z.url({ protocol: /^https?$/ }), 'https://openapi.alipay.com/gateway.do'),
  /** The merchant's Alipay user id (2088...), checked against notifications' seller_id (PROTOCOLS.md §1.5). */
  sellerId: z.optional(z.string()),
});

export type AlipayConfig = z.output<typeof alipayConfigSchema>;
