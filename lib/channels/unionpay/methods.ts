/** The channel's methods, known without loading the channel (the create schema lists them). */
export const UNIONPAY_METHODS = ['unionpay.web', 'unionpay.app'] as const;
export type UnionpayMethod = (typeof UNIONPAY_METHODS)[number];
