/** The channel's methods, known without loading the channel (the create schema lists them). */
export const ALIPAY_METHODS = ['alipay.qr', 'alipay.page', 'alipay.wap', 'alipay.app'] as const;
export type AlipayMethod = (typeof ALIPAY_METHODS)[number];
