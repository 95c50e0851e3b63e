/** POST /callbacks/wechat/{payId} — WeChat Pay API v3 payment notifications. */
import { wechat } from '#lib/channels/wechat/index.ts';
import { callbackHandler } from '#lib/http/callback-handler.ts';

export const handler = callbackHandler(wechat);
