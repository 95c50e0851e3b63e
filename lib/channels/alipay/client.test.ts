import { generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { verifiedReply } from './client.ts';
import { rawMembers, verifyRsa2 } from './sign.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const sdk = new AlipaySdk({
  appId: '2021000000000000',
  privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  keyType: 'PKCS8',
  alipayPublicKey: publicPem,
});

/** Signs `inner` as Alipay does: over exactly this text (PROTOCOLS.md §1.3). */
const signText = (inner: string) => rsaSign('sha256', Buffer.from(inner, 'utf8'), privateKey).toString('base64');

// Written as Alipay writes it: `/` escaped as `\/`, non-ASCII as is.
const inner = '{"code":"10000","msg":"Success","out_trade_no":"P1","qr_code":"https:\\/\\/qr.alipay.com\\/bax03431ljhokirwl38f00a7","note":"支付 {\\"sign\\":\\"x\\"}"}';
const raw = `{"alipay_trade_precreate_response":${inner},"sign":"${signText(inner)}"}`;

describe('response verification over the raw xxx_response text (PROTOCOLS.md §1.3)', () => {
  it('verifies the text as received, escapes included', () => {
    const reply = verifiedReply(raw, 'alipay.trade.precreate', publicPem);
    expect(reply.qr_code).toBe('https://qr.alipay.com/bax03431ljhokirwl38f00a7');
  });

  it('is needed: the same reply re-serialised (no \\/) does not verify', () => {
    const reserialised = JSON.stringify(JSON.parse(inner));
    expect(reserialised).not.toBe(inner);
    expect(verifyRsa2(reserialised, signText(inner), publicPem)).toBe(false);
  });

  it('cuts out the same text as alipay-sdk getSignStr', () => {
    expect(rawMembers(raw).get('alipay_trade_precreate_response')).toBe(sdk.getSignStr(raw, 'alipay_trade_precreate_response'));
    expect(sdk.checkResponseSign(raw, 'alipay_trade_precreate_response', signText(inner), 't')).toBeUndefined();
  });

  it('finds the member whatever the spacing and member order', () => {
    const spaced = `{ "sign" : "abc" ,\n "alipay_trade_query_response" :\t${inner} , "n": [1, {"a": "}"}], "x": -1.5e3 }`;
    const members = rawMembers(spaced);
    expect(members.get('alipay_trade_query_response')).toBe(inner);
    expect(members.get('sign')).toBe('"abc"');
    expect(members.get('n')).toBe('[1, {"a": "}"}]');
    expect(members.get('x')).toBe('-1.5e3');
    expect(rawMembers('{}').size).toBe(0);
  });

  it('treats a tampered, unsigned, wrongly keyed or non-JSON reply as no answer', () => {
    const unavailable = (text: string) => () => verifiedReply(text, 'alipay.trade.precreate', publicPem);
    expect(unavailable(raw.replace('bax0', 'bax1'))).toThrow(ProviderUnavailable);
    expect(unavailable(`{"alipay_trade_precreate_response":${inner}}`)).toThrow(ProviderUnavailable);
    expect(unavailable(raw.replace('alipay_trade_precreate_response', 'alipay_trade_query_response'))).toThrow(ProviderUnavailable);
    expect(unavailable('<html>502</html>')).toThrow(ProviderUnavailable);
    // A gateway-level error_response (unknown app_id...) may be unsigned: it cannot be trusted.
    const gatewayError = '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id","sub_msg":"无效的AppID参数"}}';
    expect(unavailable(gatewayError)).toThrow(/isv.invalid-app-id/);
  });

  it('accepts a signed error_response', () => {
    const error = '{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-parameter","sub_msg":"参数无效"}';
    const reply = verifiedReply(`{"error_response":${error},"sign":"${signText(error)}"}`, 'alipay.trade.precreate', publicPem);
    expect(reply.sub_code).toBe('isv.invalid-parameter');
  });
});
