/** The channel's methods, known without loading the channel (the create schema lists them). */
export const WECHAT_METHODS = ['wechat.native', 'wechat.jsapi', 'wechat.h5', 'wechat.app'] as const;
export type WechatMethod = (typeof WECHAT_METHODS)[number];
