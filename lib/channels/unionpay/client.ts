/**
 * Building, signing and sending ACP 5.1.0 requests, and verifying UnionPay's signed replies
 * (PROTOCOLS.md §3.1–3.3).
 */
import type { ChannelCall } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { certId, signingKey, unionpayKey } from './certs.ts';
import type { UnionpayConfig } from './config.ts';
import { filterBlank, signAcp, verifyAcp } from './sign.ts';
import { parseReply } from './wire.ts';

type Call = ChannelCall<UnionpayConfig>;

/** respCode 03/04/05: the outcome is unknown or in progress; ask again (§3.3). */
export const ASK_AGAIN = new Set(['03', '04', '05']);

/** The common fields (§3.1) plus the given ones, blank-filtered and signed (§3.2). */
export function signedRequest(call: Call, fields: Record<string, string | undefined>): Record<string, string> {
  const { config } = call;
  const request = filterBlank({
    version: '5.1.0',
    encoding: 'UTF-8',
    signMethod: '01',
    accessType: '0',
    merId: config.merId,
    certId: certId(config.signCert),
    ...fields,
  });
  request.signature = signAcp(request, signingKey(config.signPrivateKey));
  return request;
}

/** A verified message's fields, or why it is not one (signPubKeyCert chain, CN, signature; §3.2). */
export function verifyMessage(config: UnionpayConfig, fields: Record<string, string>, now: Date): string | undefined {
  if (fields.signMethod !== '01') return `signMethod ${fields.signMethod ?? '(none)'} is not 01`;
  if (!fields.signPubKeyCert) return 'no signPubKeyCert';
  const key = unionpayKey(fields.signPubKeyCert, config, now);
  if (typeof key === 'string') return key;
  return verifyAcp(fields, key) ? undefined : 'signature does not verify with signPubKeyCert';
}

/** `11 验证签名失败` and the like, for errors and logs. */
export function describeReply(reply: Record<string, string>): string {
  return [reply.respCode, reply.respMsg].filter(Boolean).join(' ');
}

/**
 * POSTs a signed request to a back-end gateway and returns the verified reply. No reply, a non-200,
 * an unparsable or unverifiable reply: the outcome is unknown, ProviderUnavailable (errors.ts).
 */
export async function post(call: Call, url: string, request: Record<string, string>, what: string): Promise<Record<string, string>> {
  const response = await callProvider(
    call,
    url,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body: new URLSearchParams(request).toString() },
    what,
  );
  if (response.status !== 200) throw new ProviderUnavailable(`${what}: HTTP ${response.status}`);
  const reply = parseReply(response.body.trim());
  if (!reply?.respCode) throw new ProviderUnavailable(`${what}: reply is not an ACP message`);
  const problem = verifyMessage(call.config, reply, call.now());
  if (problem) throw new ProviderUnavailable(`${what}: unverifiable reply (${describeReply(reply)}): ${problem}`);
  return reply;
}
