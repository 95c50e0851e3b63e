/**
 * ACP 5.1.0 signMethod 01 (PROTOCOLS.md §3.2): SHA-256 hex of the sorted `k=v` string, then
 * SHA256withRSA (PKCS#1 v1.5) over that 64-character hex string — a double hash, as the official
 * SDK's `signByCertInfo` / `validate` do. A single hash does not verify UnionPay's messages.
 */
import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * Requests only (§3.2 step 1, SDK `filterBlank`): empty and blank values are dropped, the rest
 * trimmed. Verification never filters: UnionPay signed exactly what it sent.
 */
export function filterBlank(fields: Record<string, string | undefined>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const trimmed = value?.trim();
    if (trimmed) kept[name] = trimmed;
  }
  return kept;
}

/** Every field but `signature`, keys sorted (UTF-16 order, as Java's TreeMap), `k=v` joined by `&`, raw values. */
export function signContent(fields: Record<string, string>): string {
  return Object.keys(fields)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
}

/** The SDK's "sha256X16": what actually gets signed. */
function digestHex(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export function signAcp(fields: Record<string, string>, key: KeyObject): string {
  return createSign('sha256').update(digestHex(signContent(fields)), 'utf8').sign(key, 'base64');
}

export function verifyAcp(fields: Record<string, string>, key: KeyObject): boolean {
  const signature = fields.signature;
  // Strict base64: Node's decoder ignores what follows the padding, so "…==M" would pass.
  if (!signature || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return createVerify('sha256').update(digestHex(signContent(fields)), 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}
