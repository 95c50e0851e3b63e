/** POST /callbacks/unionpay/{payId} — UnionPay's back notification (backUrl). */
import { unionpay } from '#lib/channels/unionpay/index.ts';
import { callbackHandler } from '#lib/http/callback-handler.ts';

export const handler = callbackHandler(unionpay);
