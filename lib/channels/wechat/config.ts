/** The WeChat Pay API v3 pay configs (cnf_pay): a direct-connect merchant, or a 服务商 for a sub-merchant (PROTOCOLS.md §2). */
import * as z from 'zod/mini';
import { httpUrl, loadable, nonEmpty } from '../config-fields.ts';
import { merchantPrivateKey, platformPublicKey } from './keys.ts';

const digits = (what: string) => z.string().check(z.regex(/^\d{1,32}$/, `${what} is digits`));

/** The signing merchant's keys (a 服务商's in partner mode), the platform keys and the API host: both modes. */
const keyFields = {
  /** Merchant API private key PEM, `apiclient_key.pem` (§2.1). Secret. */
  privateKey: loadable(merchantPrivateKey, 'not an RSA private key PEM'),
  /** Serial number (hex) of the merchant API certificate: Authorization `serial_no` (§2.1). */
  merchantSerial: z.string().check(z.regex(/^[0-9A-Fa-f]{1,64}$/, 'merchantSerial is the hex certificate serial')),
  /** APIv3 key: 32 ASCII bytes, the AES-256-GCM key of notification resources (§2.3). Secret. */
  apiV3Key: z.string().check(z.regex(/^[\x21-\x7e]{32}$/, 'apiV3Key is 32 ASCII characters')),
  /**
   * Wechatpay-Serial → verification key (§2.2): platform certificate serials (hex) and/or WeChat Pay
   * public key ids (`PUB_KEY_ID_…`); both at once while a merchant migrates.
   */
  platformKeys: z
    .record(nonEmpty(), loadable(platformPublicKey, 'not an RSA public key or certificate PEM'))
    .check(z.refine((keys) => Object.keys(keys).length > 0, 'at least one platform key')),
  baseUrl: httpUrl('https://api.mch.weixin.qq.com'),
};

export const wechatConfigSchema = z.object({
  /** Which kind of merchant this is (the template's mode); absent means direct. */
  mode: z.optional(z.literal('direct')),
  /** 商户号: digits. */
  mchid: digits('mchid'),
  /** The AppID (公众号 / 小程序 / App) the merchant is bound to; notifications must name it. */
  appid: nonEmpty(),
  ...keyFields,
});

/**
 * A 服务商 (partner) config (PROTOCOLS.md §2, partner.ts): the service provider's merchant id,
 * AppID, API key, certificate serial, APIv3 key and platform keys sign, verify and decrypt every
 * call and notification, made on behalf of the sub-merchant (`sub_mchid`, and `sub_appid` when the
 * buyer pays in the sub-merchant's own AppID). Plain z.object, no z.extend: the callback
 * function's bundle is at its size limit.
 */
const partnerSchema = z.object({
  ...keyFields,
  mode: z.literal('partner'),
  spMchid: digits('spMchid'),
  spAppid: nonEmpty(),
  subMchid: digits('subMchid'),
  subAppid: z.optional(nonEmpty()),
});

/**
 * The partner schema with its fields described, for the template (lib/config/templates.ts): the
 * same fields, built in a pure function so that bundles which never draw a template drop it.
 */
export const wechatPartnerConfigSchema = /* @__PURE__ */ (() =>
  z.extend(partnerSchema, {
    spMchid: digits('spMchid').check(z.describe("The service provider's 商户号 (sp_mchid)")),
    spAppid: nonEmpty().check(z.describe("The service provider's AppID (sp_appid)")),
    subMchid: digits('subMchid').check(z.describe("The sub-merchant's 商户号 (sub_mchid)")),
    subAppid: z.optional(nonEmpty().check(z.describe("The sub-merchant's own AppID (sub_appid), when its buyers pay in it"))),
  }))();

export type WechatDirectConfig = z.output<typeof wechatConfigSchema>;
export type WechatPartnerConfig = z.output<typeof partnerSchema>;

/** What the channel parses: a direct config (mode absent or `direct`) or a partner one. */
export const wechatConfigSchemas = z.union([wechatConfigSchema, partnerSchema]);
export type WechatConfig = WechatDirectConfig | WechatPartnerConfig;
