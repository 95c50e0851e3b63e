/**
 * The sandbox's own ACP 5.1.0 crypto and encodings (PROTOCOLS.md §3.2), written apart from payee's
 * lib/channels/unionpay so that each checks the other: SHA-256 hex of the sorted `k=v` string,
 * then SHA256withRSA over that hex text.
 */
import { createHash, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

function content(fields: Record<string, string>): string {
  const names = Object.keys(fields).filter((name) => name !== 'signature');
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => name + '=' + fields[name]).join('&');
}

function sha256X16(fields: Record<string, string>): Buffer {
  return Buffer.from(createHash('sha256').update(Buffer.from(content(fields), 'utf8')).digest('hex'), 'ascii');
}

export function acpSign(fields: Record<string, string>, key: KeyObject): string {
  return sign('sha256', sha256X16(fields), key).toString('base64');
}

export function acpVerify(fields: Record<string, string>, key: KeyObject): boolean {
  if (!fields.signature) return false;
  return verify('sha256', sha256X16(fields), key, Buffer.from(fields.signature, 'base64'));
}

/** certId: the certificate's serial in decimal. */
export function serialDecimal(certPem: string): string {
  return BigInt('0x' + new X509Certificate(certPem).serialNumber).toString();
}

/** UnionPay's PEMs travel with CRLF line breaks (§3.2). */
export function crlfPem(pem: string): string {
  return pem.trim().replace(/\r?\n/g, '\r\n');
}

/** A synchronous reply: `k=v&…` with raw, unencoded values, as the gateways answer. */
export function encodeReply(fields: Record<string, string>): string {
  return Object.entries(fields).map(([name, value]) => `${name}=${value}`).join('&');
}

const GMT8 = 8 * 3600_000;
/** yyyyMMddHHmmss in GMT+8. */
export function acpTime(at: Date): string {
  return new Date(at.getTime() + GMT8).toISOString().replace(/\D/g, '').slice(0, 14);
}

export function parseAcpTime(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(text ?? '');
  if (!m) return undefined;
  const at = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - GMT8);
  return acpTime(at) === text ? at : undefined;
}

/** Who signs the sandbox's messages: UnionPay's key, and its certificate as signPubKeyCert. */
export interface Signer {
  key: KeyObject;
  certPem: string;
}

/** A message as UnionPay sends it: signMethod 01, its certificate inside, the signature over both. */
export function signedMessage(fields: Record<string, string>, signer: Signer): Record<string, string> {
  const message: Record<string, string> = { ...fields, signMethod: '01', signPubKeyCert: crlfPem(signer.certPem) };
  message.signature = acpSign(message, signer.key);
  return message;
}
