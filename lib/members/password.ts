/**
 * Member passwords: scrypt from node:crypto with a random 16-byte salt per user and OWASP's
 * parameters (N=2^17, r=8, p=1: 128 MiB and a few hundred milliseconds per guess). The stored form
 * names its parameters, so that stronger ones later still verify the old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { invalid } from './errors.ts';

export const SCRYPT = { N: 2 ** 17, r: 8, p: 1, keyLength: 32 } as const;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number; keyLength: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, o.keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), keyLength: expected.length });
  return timingSafeEqual(key, expected);
}

/** A hash of no one's password: a login for an unknown e-mail spends the same time as a wrong password. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(randomBytes(18).toString('base64url')));

export const PASSWORD_RULE = 'password must be 10 to 128 characters with at least one letter and one digit, and not contain the e-mail address';

/** Throws a 400 naming `password` for a password too weak to accept. */
export function checkPasswordStrength(password: string, email: string): void {
  const local = email.split('@')[0]!.toLowerCase();
  const weak =
    password.length < 10 ||
    password.length > 128 ||
    !/\p{L}/u.test(password) ||
    !/\p{N}/u.test(password) ||
    new Set(password).size < 5 ||
    (local.length >= 4 && password.toLowerCase().includes(local));
  if (weak) throw invalid('password', PASSWORD_RULE, 'password_weak');
}
