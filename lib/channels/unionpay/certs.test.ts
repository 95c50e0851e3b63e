/** Checking signPubKeyCert before trusting it (PROTOCOLS.md §3.2): chain, validity, CN. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { issue, issueMerchant, sandboxPki, type SandboxPki } from '../../../infra/local/sandbox/unionpay/pki.ts';
import { unionpayKey, type Trust } from './certs.ts';

let pki: SandboxPki;
let other: SandboxPki;
let trust: Trust;
beforeAll(async () => {
  [pki, other] = await Promise.all([sandboxPki(), sandboxPki()]);
  trust = { rootCert: pki.root.certPem, middleCert: pki.middle.certPem, validateCnName: true };
});

const reason = (pem: string, t: Trust = trust, at = new Date()) => {
  const key = unionpayKey(pem, t, at);
  return typeof key === 'string' ? key : 'ok';
};

describe('unionpayKey', () => {
  it("accepts UnionPay's certificate under the configured middle and root, CRLF or LF", () => {
    expect(reason(pki.unionpay.certPem)).toBe('ok');
    expect(reason(pki.unionpay.certPem.replaceAll('\n', '\r\n'))).toBe('ok');
  });

  it('refuses a certificate from another CA, and a middle certificate from another root', () => {
    expect(reason(other.unionpay.certPem)).toMatch(/not issued by the configured middle/);
    expect(reason(pki.unionpay.certPem, { ...trust, rootCert: other.root.certPem })).toMatch(/middle certificate was not issued by the configured root/);
  });

  it('refuses outside the certificates’ validity', () => {
    expect(reason(pki.unionpay.certPem, trust, new Date('2000-01-01T00:00:00Z'))).toMatch(/is not valid at/);
    expect(reason(pki.unionpay.certPem, trust, new Date('2100-01-01T00:00:00Z'))).toMatch(/is not valid at/);
  });

  it('refuses a certificate the same CA issued to someone else (a merchant): the CN must name UnionPay', async () => {
    const merchant = await issueMerchant(pki, '777290058110048');
    expect(reason(merchant.certPem)).toMatch(/CN does not name 中国银联股份有限公司/);
    expect(reason(merchant.certPem, { ...trust, validateCnName: false })).toMatch(/CN does not name/);
  });

  it("accepts the test environment's CN 00040000:SIGN only when validateCnName is off", async () => {
    const testCert = await issue('/C=CN/O=test/CN=041@Z12@00040000:SIGN@00000062', 30, [], pki.middle);
    expect(reason(testCert.certPem)).toMatch(/CN does not name/);
    expect(reason(testCert.certPem, { ...trust, validateCnName: false })).toBe('ok');
  });

  it('refuses text that is no certificate', () => {
    expect(reason('-----BEGIN CERTIFICATE-----\r\nAAAA\r\n-----END CERTIFICATE-----')).toMatch(/not an X.509/);
  });

  it("2019 vectors: UnionPay's production chain (CFCA OCA1) is not in the vector file, so only the signature is checked (sign.test.ts); against another chain it is refused", () => {
    const vectors = JSON.parse(readFileSync('/work/shared/providers/vectors/unionpay/messages-2019.json', 'utf8'));
    expect(reason(vectors.consume.signPubKeyCert, trust, new Date('2019-01-16T09:05:17Z'))).toMatch(/not issued by the configured middle/);
  });
});
