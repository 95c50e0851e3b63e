/** ACP signing (PROTOCOLS.md §3.2) against UnionPay's real 2019 messages and the sandbox's own implementation. */
import { createHash, createPrivateKey, createSign, createVerify, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acpSign, acpVerify } from '../../../infra/local/sandbox/unionpay/protocol.ts';
import { certId } from './certs.ts';
import { filterBlank, signAcp, signContent, verifyAcp } from './sign.ts';

const vectors = JSON.parse(readFileSync('/work/shared/providers/vectors/unionpay/messages-2019.json', 'utf8')) as Record<string, Record<string, string>>;
const messages = { consume: vectors.consume!, refundResp: vectors.refundResp! };
const keyOf = (message: Record<string, string>) => new X509Certificate(message.signPubKeyCert!).publicKey;

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('UnionPay 2019 production messages', () => {
  for (const [name, message] of Object.entries(messages)) {
    it(`${name} verifies with the signPubKeyCert it carries (double hash)`, () => {
      expect(message.signPubKeyCert).toContain('\r\n');
      expect(verifyAcp(message, keyOf(message))).toBe(true);
    });

    it(`${name}: a single hash (SHA256withRSA over the string itself) does not verify`, () => {
      const single = createVerify('sha256').update(signContent(message), 'utf8');
      expect(single.verify(keyOf(message), message.signature!, 'base64')).toBe(false);
    });

    it(`${name}: any changed field, or the certificate's line breaks, break it`, () => {
      expect(verifyAcp({ ...message, txnAmt: '2' }, keyOf(message))).toBe(false);
      expect(verifyAcp({ ...message, signPubKeyCert: message.signPubKeyCert!.replaceAll('\r\n', '\n') }, keyOf(message))).toBe(false);
      expect(verifyAcp({ ...message, extra: 'x' }, keyOf(message))).toBe(false);
    });
  }

  it('certId is the serial number in decimal', () => {
    expect(new X509Certificate(messages.consume.signPubKeyCert!).serialNumber).toBe('1034553370');
    expect(certId(messages.consume.signPubKeyCert!)).toBe('69597475696');
  });
});

describe('signing requests', () => {
  it('signs the SHA-256 hex of the sorted k=v string, excluding signature', () => {
    const fields = { txnType: '01', merId: '777290058110048', orderId: 'P1', signature: 'old' };
    expect(signContent(fields)).toBe('merId=777290058110048&orderId=P1&txnType=01');
    const digest = createHash('sha256').update('merId=777290058110048&orderId=P1&txnType=01').digest('hex');
    expect(signAcp(fields, privateKey)).toBe(createSign('sha256').update(digest).sign(privateKey, 'base64'));
  });

  it('filterBlank drops empty and blank values and trims the rest', () => {
    expect(filterBlank({ a: ' x ', b: '', c: '   ', d: undefined, e: '0' })).toEqual({ a: 'x', e: '0' });
  });

  it("agrees with the sandbox's independent implementation both ways", () => {
    const fields = { version: '5.1.0', respMsg: '成功[0000000]', merId: '777290058110048', txnAmt: '1999', Zeta: 'upper sorts first' };
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ours = { ...fields, signature: signAcp(fields, privateKey) };
    expect(acpVerify(ours, publicKey)).toBe(true);
    const theirs = { ...fields, signature: acpSign(fields, createPrivateKey(pem)) };
    expect(verifyAcp(theirs, publicKey)).toBe(true);
    expect(theirs.signature).toBe(ours.signature);
  });

  it('a missing or garbage signature does not verify', () => {
    expect(verifyAcp({ a: '1' }, publicKey)).toBe(false);
    expect(verifyAcp({ a: '1', signature: '!!' }, publicKey)).toBe(false);
  });
});
