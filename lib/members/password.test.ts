import { describe, expect, it } from 'vitest';
import { MemberError } from './errors.ts';
import { SCRYPT, checkPasswordStrength, hashPassword, verifyPassword } from './password.ts';

describe('member passwords', () => {
  it('hash with scrypt at N=2^17, r=8, p=1 and a salt of each their own; verify only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse 42'), hashPassword('correct horse 42')]);
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(a.split('$')[4]).not.toEqual(b.split('$')[4]);
    expect(a).not.toContain('correct horse');
    expect(await verifyPassword('correct horse 42', a)).toBe(true);
    expect(await verifyPassword('correct horse 43', a)).toBe(false);
    expect(await verifyPassword('correct horse 42', 'plain$text')).toBe(false);
  });

  it('refuse a weak password with a 400 naming password', () => {
    const refused = (password: string, email = 'ann@example.com') => {
      try {
        checkPasswordStrength(password, email);
        return undefined;
      } catch (err) {
        return err as MemberError;
      }
    };
    for (const weak of ['short1', 'onlyletterslong', '1234567890123', 'aaaaaaaaa1111', 'annabelle-2026-x']) {
      const err = refused(weak, 'annabelle@example.com');
      expect(err, weak).toBeInstanceOf(MemberError);
      expect(err).toMatchObject({ status: 400, code: 'password_weak', param: 'password' });
    }
    expect(refused('Tiger lily 2026')).toBeUndefined();
  });
});
