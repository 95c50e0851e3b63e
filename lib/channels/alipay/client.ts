/**
 * Building, signing and sending Alipay OpenAPI 2.0 gateway requests (PROTOCOLS.md §1.1–1.3).
 */
import * as z from 'zod/mini';
import type { ChannelCall } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { AlipayConfig } from './config.ts';
import { rawMembers, requestSignContent, signRsa2, verifyRsa2 } from './sign.ts';
import { toAlipayTime } from './time.ts';

type Call = ChannelCall<AlipayConfig>;

/** Common parameters that travel in the URL query; the rest (`biz_content`) goes in the form body (§1.1, SDK `formatUrl`). */
const QUERY_PARAMS = new Set(['app_id', 'method', 'format', 'charset', 'sign_type', 'sign', 'timestamp', 'version', 'notify_url', 'return_url', 'app_auth_token']);

/**
 * The signed parameters of one request: common parameters, `biz_content` as JSON, `sign`. In ISV
 * mode the service provider's app signs and `app_auth_token` names the sub-merchant the call is
 * for (§1.1, "第三方应用代调用"): on every call, browser and app SDK ones included.
 */
export function signedRequest(
  call: Call,
  method: string,
  bizContent: Record<string, unknown>,
  urls: { notify_url?: string; return_url?: string } = {},
): Record<string, string> {
  const params: Record<string, string> = {
    app_id: call.config.appId,
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: toAlipayTime(call.now()),
    version: '1.0',
    biz_content: JSON.stringify(bizContent),
  };
  for (const [name, url] of Object.entries(urls)) if (url) params[name] = url;
  if (call.config.mode === 'isv') params.app_auth_token = call.config.appAuthToken;
  params.sign = signRsa2(requestSignContent(params), call.config.privateKey);
  return params;
}

/** A browser GET URL to the gateway carrying every parameter (page/wap pay, SDK `pageExecute` GET). */
export function gatewayGetUrl(gatewayUrl: string, params: Record<string, string>): string {
  const url = new URL(gatewayUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** The order string handed to the Alipay app SDK, encoded as alipay-sdk `sdkExecute` encodes it. */
export function orderString(params: Record<string, string>): string {
  return Object.entries(params).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
}

const replySchema = z.looseObject({
  code: z.string(),
  msg: z.optional(z.string()),
  sub_code: z.optional(z.string()),
  sub_msg: z.optional(z.string()),
});
export type AlipayReply = z.infer<typeof replySchema>;

/** A clear business "no" (4xxxx) as the channel's refusal: Alipay's sub_code names it. */
export function refusal(reply: AlipayReply): { outcome: 'refused'; code: string; message: string } {
  return { outcome: 'refused', code: reply.sub_code || reply.code, message: reply.sub_msg || reply.msg || '' };
}

/** `40004 ACQ.TRADE_NOT_EXIST 交易不存在`: for error messages and logs. */
export function describeReply(reply: AlipayReply): string {
  return [reply.code, reply.sub_code, reply.sub_msg ?? reply.msg].filter(Boolean).join(' ');
}

/**
 * The verified `xxx_response` (or `error_response`) of a raw gateway reply. The signature covers
 * the member's raw text (§1.3); gateway-level `error_response`s (unknown app_id...) may come
 * unsigned, and an answer that cannot be verified is no answer: ProviderUnavailable.
 */
export function verifiedReply(raw: string, method: string, publicKey: string): AlipayReply {
  let envelope: unknown;
  try {
    envelope = JSON.parse(raw);
  } catch {
    throw new ProviderUnavailable(`${method}: reply is not JSON`);
  }
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw new ProviderUnavailable(`${method}: reply is not a JSON object`);
  }
  const fields = envelope as Record<string, unknown>;
  const responseKey = `${method.replaceAll('.', '_')}_response`;
  const key = responseKey in fields ? responseKey : 'error_response';
  const reply = replySchema.safeParse(fields[key]);
  if (!reply.success) throw new ProviderUnavailable(`${method}: reply has no ${responseKey}`);
  const signed = rawMembers(raw).get(key);
  if (typeof fields.sign !== 'string' || signed === undefined || !verifyRsa2(signed, fields.sign, publicKey)) {
    throw new ProviderUnavailable(`${method}: unverifiable reply (${describeReply(reply.data)})`);
  }
  return reply.data;
}

/**
 * Gateway codes (§1.3): 10000 success, 4xxxx and 20001 (an ISV's app_auth_token that does not
 * authorise the call: a definite "no" that no retry changes) are returned to the caller; 20000
 * and anything else means the outcome is unknown. ACQ.SYSTEM_ERROR rides on 40004 but means
 * "system error, try again" (opendocs alipay.trade.* error tables).
 */
function isAnswer(reply: AlipayReply): boolean {
  return reply.code === '10000' || reply.code === '20001' || (/^4\d{4}$/.test(reply.code) && reply.sub_code !== 'ACQ.SYSTEM_ERROR');
}

/** POSTs a signed request as alipay-sdk `exec` does and returns the verified reply. */
export async function execute(call: Call, params: Record<string, string>): Promise<AlipayReply> {
  const method = params.method ?? '';
  const url = new URL(call.config.gatewayUrl);
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) (QUERY_PARAMS.has(name) ? url.searchParams : body).set(name, value);

  const response = await callProvider(
    call,
    url,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' }, body: body.toString() },
    method,
  );
  if (response.status !== 200) throw new ProviderUnavailable(`${method}: HTTP ${response.status}`);

  const reply = verifiedReply(response.body, method, call.config.alipayPublicKey);
  if (!isAnswer(reply)) throw new ProviderUnavailable(`${method}: ${describeReply(reply)}`);
  return reply;
}
