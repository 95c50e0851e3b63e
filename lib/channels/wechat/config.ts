/** The WeChat Pay API v3 pay config (cnf_pay) for one merchant (direct-connect, PROTOCOLS.md §2). */
import * as z from 'zod/mini';
import { httpUrl, loadable, nonEmpty } from '../config-fields.ts';
import { merchantPrivateKey, platformPublicKey } from './keys.ts';

export const wechatConfigSchema = z.object({
  /** 商户号: digits. */
  mchid: z.string().check(z.regex(/^\d{1,32}$/, 'mchid is digits')),
  /** The AppID (公众号 / 小程序 / App) the merchant is bound to; notifications must name it. */
  appid: nonEmpty(),
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
});

export type WechatConfig = z.output<typeof wechatConfigSchema>;
