/** The Alipay pay config (cnf_pay) for one merchant app. */
import * as z from 'zod/mini';
import { httpUrl, loadable, nonEmpty } from '../config-fields.ts';
import { alipayPublicKey, appPrivateKey } from './keys.ts';

export const alipayConfigSchema = z.object({
  /** Which kind of merchant this is (the template's mode); absent means direct. */
  mode: z.optional(z.literal('direct')),
  appId: nonEmpty(),
  privateKey: loadable(appPrivateKey, 'not an RSA private key (PEM, or base64 PKCS#8 / PKCS#1)'),
  alipayPublicKey: loadable(alipayPublicKey, 'not an RSA public key (PEM, or base64 SPKI)'),
  gatewayUrl: httpUrl('https://openapi.alipay.com/gateway.do'),
  /** The merchant's Alipay user id (2088...), checked against notifications' seller_id (PROTOCOLS.md §1.5). */
  sellerId: z.optional(z.string()),
});

export type AlipayConfig = z.output<typeof alipayConfigSchema>;

/**
 * An ISV (服务商 / 第三方应用) config: appId and its keys are the service provider's app, which
 * calls on behalf of a sub-merchant who authorised it; that authorisation is the sub-merchant's
 * `app_auth_token` (PROTOCOLS.md §1, a request parameter in ISV mode only), and sellerId is the
 * sub-merchant's. The channel's calls in this mode are still to come: until then a config of this
 * mode fails the direct schema the channel parses, and is never used as a direct one.
 */
// Built in a pure function so that bundles which never read it (the channel's own) drop it.
export const alipayIsvConfigSchema = /* @__PURE__ */ (() =>
  z.extend(alipayConfigSchema, {
    mode: z.literal('isv'),
    appAuthToken: nonEmpty().check(z.describe("The sub-merchant's app_auth_token, from its authorisation of the service provider's app")),
  }))();
