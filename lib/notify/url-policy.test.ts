import { describe, expect, it } from 'vitest';
import { isPrivateAddress, notifyUrlProblem } from './url-policy.ts';

describe('notifyUrl policy', () => {
  it.each([
    'https://merchant.example.com/payee/notify',
    'https://merchant.example.com:8443/notify?x=1',
    'https://93.184.215.14/notify',
    'https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/notify',
    'https://8.8.8.8/',
  ])('accepts %s in deployed stacks', (url) => {
    expect(notifyUrlProblem(url, 'public')).toBeUndefined();
  });

  it.each([
    ['http://merchant.example.com/notify', 'https'],
    ['ftp://merchant.example.com/notify', 'https'],
    ['not a url', 'absolute'],
    ['https://user:pass@merchant.example.com/notify', 'credentials'],
    ['https://localhost/notify', 'localhost'],
    ['https://LOCALHOST./notify', 'localhost'],
    ['https://api.localhost/notify', 'localhost'],
    ['https://127.0.0.1/notify', 'private'],
    ['https://127.1.2.3/notify', 'private'],
    ['https://10.0.0.5/notify', 'private'],
    ['https://172.16.0.1/', 'private'],
    ['https://172.31.255.255/', 'private'],
    ['https://192.168.1.1/', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'private'],
    ['https://100.64.0.1/', 'private'],
    ['https://0.0.0.0/', 'private'],
    ['https://[::1]/', 'private'],
    ['https://[::]/', 'private'],
    ['https://[fe80::1]/', 'private'],
    ['https://[fd00:ec2::254]/', 'private'],
    ['https://[fc00::1]/', 'private'],
    ['https://[::ffff:127.0.0.1]/', 'private'],
    ['https://[::ffff:169.254.169.254]/', 'private'],
    ['https://[64:ff9b::10.0.0.1]/', 'private'],
    // WHATWG URL parsing turns these spellings into 127.0.0.1 before the check sees them.
    ['https://2130706433/', 'private'],
    ['https://0x7f.1/', 'private'],
  ])('refuses %s in deployed stacks (%s)', (url, why) => {
    expect(notifyUrlProblem(url, 'public')).toContain(why);
  });

  it('allows http and local addresses on the local stack, never another scheme', () => {
    expect(notifyUrlProblem('http://127.0.0.1:4010/notify', 'local')).toBeUndefined();
    expect(notifyUrlProblem('http://localhost/notify', 'local')).toBeUndefined();
    expect(notifyUrlProblem('ftp://127.0.0.1/notify', 'local')).toBeDefined();
    expect(notifyUrlProblem('/relative', 'local')).toBeDefined();
  });

  it('tells private from public addresses, v4 and v6, mapped forms included', () => {
    for (const ip of ['10.1.1.1', '192.168.0.1', '::1', '[::1]', 'fe80::abcd', '::ffff:7f00:1', '::ffff:a00:1', '198.18.0.1', '224.0.0.1']) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of ['1.1.1.1', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:808:808', 'merchant.example.com']) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });
});
