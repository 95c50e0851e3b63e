/** The Alipay pay configs (cnf_pay): a merchant's own app, or an ISV's app for a sub-merchant. */
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

/**
 * An ISV (服务商 / 第三方应用) config: appId and its keys are the service provider's app, which
 * calls on behalf of a sub-merchant who authorised it; that authorisation is the sub-merchant's
 * `app_auth_token`, a common request parameter of every call (PROTOCOLS.md §1.1, client.ts).
 * sellerId is the sub-merchant's, and authAppId its own app: a notify names both (seller_id,
 * auth_app_id) and must match them, since the service provider's app_id is shared by all its
 * sub-merchants (notify.ts).
 */
export const alipayIsvConfigSchema = z.extend(alipayConfigSchema, {
  mode: z.literal('isv'),
  appAuthToken: nonEmpty().check(z.describe("The sub-merchant's app_auth_token, from its authorisation of the service provider's app")),
  authAppId: z.optional(nonEmpty().check(z.describe("The sub-merchant's own app id: notifications' auth_app_id"))),
});

export type AlipayDirectConfig = z.output<typeof alipayConfigSchema>;
export type AlipayIsvConfig = z.output<typeof alipayIsvConfigSchema>;

/** What the channel parses: a direct config (mode absent or `direct`) or an ISV one. */
export const alipayConfigSchemas = z.union([alipayConfigSchema, alipayIsvConfigSchema]);
/** Every field of either mode is a key (a direct config's ISV fields are absent): the channel's secretFields name them. */
export type AlipayConfig = (AlipayDirectConfig & { appAuthToken?: undefined; authAppId?: undefined }) | AlipayIsvConfig;
