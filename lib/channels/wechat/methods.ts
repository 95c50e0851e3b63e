/** The channel's methods, known without loading the channel (the create schema lists them). */
export const WECHAT_METHODS = ['wechat.native', 'wechat.jsapi', 'wechat.h5', 'wechat.app'] as const;
export type WechatMethod = (typeof WECHAT_METHODS)[number];

/**
 * The payer facts a method cannot do without (JSAPI: the buyer's openid; H5: the client IP
 * WeChat checks the paying browser against): the create schema asks for them before anything is stored.
 */
export const WECHAT_REQUIRED_PAYER: Partial<Record<WechatMethod, readonly ('openid' | 'clientIp')[]>> = {
  'wechat.jsapi': ['openid'],
  'wechat.h5': ['clientIp'],
};
