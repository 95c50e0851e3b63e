/**
 * Signed WeChat Pay API v3 requests and verified replies (PROTOCOLS.md §2.1, §2.2, §2.4).
 */
import type { ChannelCall } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { WechatConfig } from './config.ts';
import { signingMchid } from './partner.ts';
import { authorization, checkSigned, nonce } from './sign.ts';

type Call = ChannelCall<WechatConfig>;

/** A reply WeChat definitely gave: 2xx with its JSON (`{}` for 204), or 4xx with its error `{code, message}`. */
export interface WechatReply {
  status: number;
  data: Record<string, unknown>;
}

/** `404 ORDER_NOT_EXIST 订单不存在`: for refusals, errors and logs. */
export function describeReply(reply: WechatReply): string {
  return [reply.status, reply.data.code, reply.data.message].filter((part) => part !== undefined).join(' ');
}

/** The error code of a 4xx reply; '' for a success. */
export function errorCode(reply: WechatReply): string {
  return reply.status >= 400 && typeof reply.data.code === 'string' ? reply.data.code : '';
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  if (raw === '') return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends one signed request and returns WeChat's answer. ProviderUnavailable when the outcome is
 * unknown: network error or timeout, 5xx, 429 FREQUENCY_LIMITED, a 2xx whose signature does not
 * verify with `platformKeys` (unknown serial, bad signature, outside ±300 s), or a reply that is
 * not JSON. 4xx errors are checked when signed; WeChat's SDKs verify 2xx only, as not every error
 * reply is signed, so an unsigned 4xx is taken for the `{code, message}` it carries.
 */
export async function execute(call: Call, method: 'GET' | 'POST', pathAndQuery: string, payload?: object): Promise<WechatReply> {
  const { config } = call;
  const url = new URL(config.baseUrl.replace(/\/+$/, '') + pathAndQuery);
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const what = `${method} ${url.pathname}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'user-agent': 'payee',
    authorization: authorization(
      { mchid: signingMchid(config), serial: config.merchantSerial, privateKeyPem: config.privateKey },
      { method, url: url.pathname + url.search, body, timestamp: Math.floor(call.now().getTime() / 1000), nonce: nonce() },
    ),
  };

  const response = await callProvider(call, url, { method, headers, body: method === 'GET' ? undefined : body }, what);
  const { status } = response;
  if (status >= 500 || status === 429 || status < 200 || (status >= 300 && status < 400)) throw new ProviderUnavailable(`${what}: HTTP ${status}`);

  const header = (name: string) => {
    const value = response.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (status < 300 || header('wechatpay-signature') !== undefined) {
    const check = checkSigned(header, response.body, config.platformKeys, call.now());
    if (!check.ok) throw new ProviderUnavailable(`${what}: unverifiable reply (HTTP ${status}, ${check.detail})`);
  }
  const data = parseObject(response.body);
  if (!data || (status >= 400 && typeof data.code !== 'string')) throw new ProviderUnavailable(`${what}: HTTP ${status} reply is not a WeChat JSON object`);
  return { status, data };
}
