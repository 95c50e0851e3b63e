import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandboxCerts } from '../../../infra/local/sandbox/paypal/certs.ts';
import { allowedCertUrl, checkedLeaf, UntrustedCertificate } from './cert.ts';
import { PAYPAL_CERT_HOSTS } from './config.ts';

const blocks = (pem: string) => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g)!;

describe('certificate URL pinning (§4.2)', () => {
  const allowed = (url: string, hosts = PAYPAL_CERT_HOSTS) => allowedCertUrl(new URL(url), hosts);

  it("takes PayPal's hosts over https under /v1/notifications/certs/ only", () => {
    expect(allowed('https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77')).toBe(true);
    expect(allowed('https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1')).toBe(true);
    expect(allowed('http://api.paypal.com/v1/notifications/certs/CERT-1')).toBe(false);
    expect(allowed('https://api.paypal.com.evil.example/v1/notifications/certs/CERT-1')).toBe(false);
    expect(allowed('https://evil.example/v1/notifications/certs/CERT-1')).toBe(false);
    expect(allowed('https://api.paypal.com/v1/other/CERT-1')).toBe(false);
    expect(allowed('https://user@api.paypal.com/v1/notifications/certs/CERT-1')).toBe(false);
    expect(allowed('https://api.paypal.com:8443/v1/notifications/certs/CERT-1')).toBe(false);
  });

  it('takes plain http only from an origin listed as such', () => {
    expect(allowed('http://127.0.0.1:9000/v1/notifications/certs/C', ['http://127.0.0.1:9000'])).toBe(true);
    expect(allowed('http://127.0.0.1:9001/v1/notifications/certs/C', ['http://127.0.0.1:9000'])).toBe(false);
    expect(allowed('http://127.0.0.1:9000/v1/notifications/certs/C', ['127.0.0.1'])).toBe(false);
  });
});

describe('certificate checks', () => {
  it("accepts PayPal's message-verification certificate (the golden vector's)", () => {
    const leaf = checkedLeaf(readFileSync('/work/shared/providers/vectors/paypal/clientCertTest.crt', 'utf8'));
    expect(leaf.subject).toContain('CN=messageverificationcerts.sandbox.paypal.com');
  });

  it('accepts a chain whose every certificate signed the one before; refuses another subject or a broken chain', async () => {
    const [one, other] = await Promise.all([sandboxCerts(), sandboxCerts()]);
    const [leaf, ca] = blocks(one.chainPem);
    const [, otherCa] = blocks(other.chainPem);
    expect(checkedLeaf(one.chainPem).subject).toContain('messageverificationcerts.sandbox.paypal.com');
    expect(() => checkedLeaf(ca!)).toThrow(UntrustedCertificate);
    expect(() => checkedLeaf(leaf! + otherCa!)).toThrow(/not issued by/);
    expect(() => checkedLeaf('not a certificate')).toThrow(UntrustedCertificate);
  });
});
