import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newNotifySecret, signNotification, SIGNATURE_TOLERANCE_SECONDS, verifyNotification } from './signature.ts';

interface Vector {
  name: string;
  secret: string;
  t: number;
  body: string;
  header: string;
}
const { vectors } = JSON.parse(readFileSync(new URL('../../docs/vectors/notification-signature.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

describe('Payee-Signature', () => {
  it('has several documented vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(4);
    expect(new Set(vectors.map((v) => v.header)).size).toBe(vectors.length);
  });

  it.each(vectors)('signs and verifies the documented vector: $name', ({ secret, t, body, header }) => {
    expect(signNotification(secret, t, body)).toBe(header);
    expect(verifyNotification(secret, header, body, t)).toBe(true);
    expect(verifyNotification(secret, header, body, t + SIGNATURE_TOLERANCE_SECONDS)).toBe(true);
  });

  it.each(vectors)('refuses a changed body, another secret, a stale or future t: $name', ({ secret, t, body, header }) => {
    expect(verifyNotification(secret, header, `${body} `, t)).toBe(false);
    expect(verifyNotification(`${secret}x`, header, body, t)).toBe(false);
    expect(verifyNotification(secret, header, body, t + SIGNATURE_TOLERANCE_SECONDS + 1)).toBe(false);
    expect(verifyNotification(secret, header, body, t - SIGNATURE_TOLERANCE_SECONDS - 1)).toBe(false);
    // The t in the header is signed: moving it breaks the signature.
    expect(verifyNotification(secret, header.replace(`t=${t},`, `t=${t + 1},`), body, t)).toBe(false);
  });

  it('accepts any one valid v1 among several (secret rotation) and refuses malformed headers', () => {
    const secret = newNotifySecret();
    const body = '{"id":"N1"}';
    const good = signNotification(secret, 100, body);
    const other = signNotification(newNotifySecret(), 100, body).split(',')[1];
    expect(verifyNotification(secret, `${good},${other}`, body, 100)).toBe(true);
    expect(verifyNotification(secret, `t=100,${other}`, body, 100)).toBe(false);
    for (const header of ['', 't=100', 'v1=abc', good.replace(/v1=[0-9a-f]+/, 'v1=zz'), good.replace('t=100', 't=1e2')]) {
      expect(verifyNotification(secret, header, body, 100), header).toBe(false);
    }
  });

  it('keys the HMAC with the whole secret string, whsec_ prefix included', () => {
    const secret = newNotifySecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const expected = createHmac('sha256', secret).update('7.{}').digest('hex');
    expect(signNotification(secret, 7, '{}')).toBe(`t=7,v1=${expected}`);
    expect(newNotifySecret()).not.toBe(secret);
  });
});
