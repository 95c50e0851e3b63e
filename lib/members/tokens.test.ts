import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openToken, randomToken, signToken, tokenHash } from './tokens.ts';

const secret = randomBytes(32);
const now = 1_800_000_000;

describe('member tokens', () => {
  it('open a signed token of the right purpose before it expires', () => {
    const token = signToken(secret, { purpose: 'verify', sub: 'U1', exp: now + 60 });
    expect(openToken(secret, token, 'verify', 'token', now)).toEqual({ purpose: 'verify', sub: 'U1', exp: now + 60 });
  });

  it('refuse an expired, tampered, foreign-key or other-purpose token with a 400 naming the field', () => {
    const token = signToken(secret, { purpose: 'verify', sub: 'U1', exp: now + 60 });
    expect(() => openToken(secret, token, 'verify', 'token', now + 60)).toThrow(expect.objectContaining({ status: 400, code: 'token_expired', param: 'token' }));
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ purpose: 'verify', sub: 'U2', exp: now + 60 })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, `${body}.${mac!.slice(1)}`, 'garbage', '', signToken(randomBytes(32), { purpose: 'verify', sub: 'U1', exp: now + 60 })]) {
      expect(() => openToken(secret, bad, 'verify', 'token', now), bad).toThrow(expect.objectContaining({ status: 400, code: 'token_invalid', param: 'token' }));
    }
    const state = signToken(secret, { purpose: 'oauth-state', sub: 'n', exp: now + 60 });
    expect(() => openToken(secret, state, 'verify', 'token', now)).toThrow(expect.objectContaining({ code: 'token_invalid' }));
  });

  it('make random tokens of 256 bits, stored as a hash that does not show them', () => {
    const a = randomToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toEqual(randomToken());
    expect(tokenHash(a)).not.toContain(a);
    expect(tokenHash(a)).toEqual(tokenHash(a));
  });
});
