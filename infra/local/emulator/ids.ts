// Deterministic stand-ins for the ids AWS generates, so that a restart gives the same ids
// (a usage plan id written to .payee/local.json stays valid) and tests can predict them.
import { createHash } from 'node:crypto';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` lowercase alphanumerics derived from `seed`, shaped like API Gateway ids (`a1b2c3d4e5`). */
export function stableId(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHANUMERIC[digest[i]! % ALPHANUMERIC.length];
  return id;
}

/** A random id in the same alphabet, for things AWS creates at runtime (API keys). */
export function randomId(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
