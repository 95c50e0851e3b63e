/**
 * The wire shape of each call by mode (PROTOCOLS.md §2): a direct merchant's own paths and ids, or
 * a 服务商's partner paths (`/v3/pay/partner/transactions/…`) carrying sp_mchid/sp_appid and the
 * sub-merchant's sub_mchid/sub_appid. The service provider signs (Authorization mchid = sp_mchid)
 * and its APIv3 key decrypts the notifications. The operations call these, never `config.mchid`.
 * Creating's own shapes are in create.ts, loaded only where payments are created (bundle size).
 */
import type { WechatConfig } from './config.ts';

/** The merchant whose API key signs the request: Authorization `mchid`. */
export const signingMchid = (config: WechatConfig): string => (config.mode === 'partner' ? config.spMchid : config.mchid);

/** `/v3/pay/transactions` or `/v3/pay/partner/transactions`. */
export const transactions = (config: WechatConfig): string => (config.mode === 'partner' ? '/v3/pay/partner/transactions' : '/v3/pay/transactions');

/** One order's path by out_trade_no (query; `/close` appended for close). */
export const tradePath = (config: WechatConfig, payNo: string): string => `${transactions(config)}/out-trade-no/${encodeURIComponent(payNo)}`;

/** The ids naming a trade's merchant, the close body and the query's parameters: `{mchid}` or `{sp_mchid, sub_mchid}`. */
export const closeBody = (config: WechatConfig): Record<string, string> =>
  config.mode === 'partner' ? { sp_mchid: config.spMchid, sub_mchid: config.subMchid } : { mchid: config.mchid };

/** The query string naming the merchant of a trade (query): `mchid=` or `sp_mchid=&sub_mchid=`. */
export const tradeQuery = (config: WechatConfig): string => new URLSearchParams(closeBody(config)).toString();

/** What refunds add to say whose trade it is: the sub-merchant's (the signer is the merchant otherwise). */
export const refundIds = (config: WechatConfig): Record<string, string> => (config.mode === 'partner' ? { sub_mchid: config.subMchid } : {});

/** The refund query's query string ('' or `?sub_mchid=`). */
export const refundQuery = (config: WechatConfig): string => (config.mode === 'partner' ? `?sub_mchid=${encodeURIComponent(config.subMchid)}` : '');

/**
 * Whether a decrypted notification resource (transaction or refund) is this config's: a direct
 * one names mchid (and appid, for transactions); a partner one sp_mchid and sub_mchid (and
 * sp_appid, and sub_appid when both sides have one). Answers what does not match, or undefined.
 */
export function resourceMismatch(config: WechatConfig, resource: Record<string, unknown>, withAppid: boolean): string | undefined {
  const expected: Record<string, string | undefined> =
    config.mode === 'partner'
      ? { sp_mchid: config.spMchid, sub_mchid: config.subMchid, ...(withAppid ? { sp_appid: config.spAppid } : {}) }
      : { mchid: config.mchid, ...(withAppid ? { appid: config.appid } : {}) };
  if (config.mode === 'partner' && withAppid && config.subAppid && resource.sub_appid !== undefined) expected.sub_appid = config.subAppid;
  for (const [name, value] of Object.entries(expected)) {
    if (resource[name] !== value) return `${name} ${typeof resource[name] === 'string' ? resource[name] : '(none)'} is not ${value}`;
  }
  return undefined;
}
