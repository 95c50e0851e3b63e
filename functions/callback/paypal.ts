/** POST /callbacks/paypal/{payId} — PayPal's webhooks (the app's webhook URL names the pay config). */
import { paypal } from '#lib/channels/paypal/index.ts';
import { callbackHandler } from '#lib/http/callback-handler.ts';

export const handler = callbackHandler(paypal);
