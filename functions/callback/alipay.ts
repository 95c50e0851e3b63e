/** POST /callbacks/alipay/{payId} — Alipay's asynchronous notify (trade_status_sync). */
import { alipay } from '#lib/channels/alipay/index.ts';
import { callbackHandler } from '#lib/http/callback-handler.ts';

export const handler = callbackHandler(alipay);
