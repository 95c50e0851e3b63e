import { describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER, checkCsrf, newCsrfToken } from './csrf.ts';
import { may, requireRole } from './roles.ts';

describe('CSRF check', () => {
  const token = newCsrfToken();
  it('lets reads through and a post that repeats the cookie in the header', () => {
    expect(() => checkCsrf('GET', {}, {})).not.toThrow();
    expect(() => checkCsrf('POST', { [CSRF_HEADER]: token, 'sec-fetch-site': 'same-origin' }, { [CSRF_COOKIE]: token })).not.toThrow();
  });
  it('refuses a post without the token, with another token, or from another site', () => {
    const refused = expect.objectContaining({ status: 403, code: 'csrf_failed' });
    expect(() => checkCsrf('POST', {}, { [CSRF_COOKIE]: token })).toThrow(refused);
    expect(() => checkCsrf('POST', { [CSRF_HEADER]: token }, {})).toThrow(refused);
    expect(() => checkCsrf('POST', { [CSRF_HEADER]: newCsrfToken() }, { [CSRF_COOKIE]: token })).toThrow(refused);
    expect(() => checkCsrf('DELETE', { [CSRF_HEADER]: 'x' }, { [CSRF_COOKIE]: 'x' })).toThrow(refused);
    expect(() => checkCsrf('POST', { [CSRF_HEADER]: token, 'sec-fetch-site': 'cross-site' }, { [CSRF_COOKIE]: token })).toThrow(refused);
  });
});

describe('member roles', () => {
  it('let the owner do everything, a developer test but not invite or buy, a viewer only read', () => {
    expect(may('owner', 'inviteUsers') && may('owner', 'createKeys') && may('owner', 'buyPlans')).toBe(true);
    expect([may('developer', 'createKeys'), may('developer', 'testPayments'), may('developer', 'inviteUsers'), may('developer', 'buyPlans')]).toEqual([true, true, false, false]);
    expect([may('viewer', 'read'), may('viewer', 'createKeys'), may('viewer', 'manageCompanies')]).toEqual([true, false, false]);
    expect(() => requireRole('viewer', 'createKeys')).toThrow(expect.objectContaining({ status: 403, code: 'role_forbidden' }));
  });
});
