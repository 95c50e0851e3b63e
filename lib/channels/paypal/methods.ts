/** The channel's methods, known without loading the channel (the create schema lists them). */
export const PAYPAL_METHODS = ['paypal.checkout'] as const;
export type PaypalMethod = (typeof PAYPAL_METHODS)[number];
