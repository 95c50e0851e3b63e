/**
 * The certificate a webhook names in PAYPAL-CERT-URL (§4.2 "Certificate checks"). The URL is only
 * trusted on PayPal's own hosts (config certHosts), under /v1/notifications/certs/, over https
 * (plain http only for an origin listed explicitly: the local sandbox). The leaf must be PayPal's
 * message-verification certificate, valid now, and every certificate served after it must have
 * signed the one before.
 *
 * Not done: validating the chain up to a root store. PayPal's published test certificate (the
 * golden vector) comes without its DigiCert intermediate, so the trust rests on TLS to a pinned
 * PayPal host plus the subject check, as PayPal's SDKs' own checks largely do.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { ChannelCall } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import type { PayPalConfig } from './config.ts';

const CERT_PATH = '/v1/notifications/certs/';
const SUBJECT_CNS = ['messageverificationcerts.paypal.com', 'messageverificationcerts.sandbox.paypal.com'];
const CACHE_LIMIT = 16;

/** A certificate URL or certificate that must not be trusted: the webhook is then a forgery. */
export class UntrustedCertificate extends Error {}

const certs = new Map<string, X509Certificate>();

/** Whether certHosts allows this URL: a bare host over https, or an exactly listed origin. */
export function allowedCertUrl(url: URL, certHosts: readonly string[]): boolean {
  if (url.username || url.password || !url.pathname.startsWith(CERT_PATH)) return false;
  return certHosts.some((entry) => (entry.includes('://') ? url.origin === entry : url.protocol === 'https:' && url.host === entry.toLowerCase()));
}

function parseChain(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    return blocks.map((block) => new X509Certificate(block));
  } catch {
    return [];
  }
}

function commonName(subject: string): string | undefined {
  return subject.split('\n').find((line) => line.startsWith('CN='))?.slice(3);
}

/** The leaf of a served chain after the subject and issuer checks; throws UntrustedCertificate. */
export function checkedLeaf(pem: string): X509Certificate {
  const chain = parseChain(pem);
  const leaf = chain[0];
  if (!leaf) throw new UntrustedCertificate('no certificate at PAYPAL-CERT-URL');
  const cn = commonName(leaf.subject);
  if (!cn || !SUBJECT_CNS.includes(cn)) throw new UntrustedCertificate(`certificate subject CN ${cn ?? '(none)'} is not PayPal's`);
  for (let i = 0; i + 1 < chain.length; i++) {
    const [cert, issuer] = [chain[i]!, chain[i + 1]!];
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new UntrustedCertificate(`certificate ${i} of the chain was not issued by the next one`);
    }
  }
  return leaf;
}

/** The verified certificate's public key; UntrustedCertificate, or ProviderUnavailable when PayPal cannot be asked. */
export async function certificateKey(call: ChannelCall<PayPalConfig>, certUrl: string): Promise<KeyObject> {
  let url: URL;
  try {
    url = new URL(certUrl);
  } catch {
    throw new UntrustedCertificate('PAYPAL-CERT-URL is not a URL');
  }
  if (!allowedCertUrl(url, call.config.certHosts)) throw new UntrustedCertificate(`PAYPAL-CERT-URL ${certUrl} is not on PayPal's hosts`);

  let leaf = certs.get(url.href);
  if (!leaf) {
    const response = await callProvider(call, url, { method: 'GET' }, 'paypal certificate');
    if (response.status === 404) throw new UntrustedCertificate(`no certificate at ${certUrl}`);
    if (response.status !== 200) throw new ProviderUnavailable(`paypal certificate: HTTP ${response.status}`);
    leaf = checkedLeaf(response.body);
    if (certs.size >= CACHE_LIMIT) certs.delete(certs.keys().next().value as string);
    certs.set(url.href, leaf);
  }
  // Checked on every use: a cached certificate expires too.
  const now = call.now().getTime();
  if (now < Date.parse(leaf.validFrom) || now > Date.parse(leaf.validTo)) {
    throw new UntrustedCertificate(`certificate is not valid now (${leaf.validFrom} – ${leaf.validTo})`);
  }
  return leaf.publicKey;
}
