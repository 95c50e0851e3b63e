/** The Alipay pay config (cnf_pay) for one merchant app. */
import * as z from 'zod/mini';
import { httpUrl, loadable, nonEmpty } from '../config-fields.ts';
import { alipayPublicKey, appPrivateKey } from './keys.ts';

export const alipayConfigSchema = z.object({
  appId: nonEmpty(),
  privateKey: loadable(appPrivateKey, 'not an RSA private key (PEM, or base64 PKCS#8 / PKCS#1)'),
  alipayPublicKey: loadable(alipayPublicKey, 'not an RSA public key (PEM, or base64 SPKI)'),
  gatewayUrl: httpUrl('https://openapi.alipay.com/gateway.do'),
  /** The merchant's Alipay user id (2088...), checked against notifications' seller_id (PROTOCOLS.md §1.5). */
  sellerId: z.optional(z.string()),
});

export type AlipayConfig = z.output<typeof alipayConfigSchema>;
