import { describe, expect, it } from 'vitest';
import { parseTenants } from './tenants.ts';

const file = (plugins: unknown) => JSON.stringify({ tenants: [{ name: 'acme', account: '111111111111', region: 'eu-west-1', plugins }] });

describe('plugins in tenants.json', () => {
  it('takes known plugins with settings their manifests accept', () => {
    const [tenant] = parseTenants(file({ 'chat-alert': { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', format: 'wecom' }, 'risk-rule': { maxAmount: 100 } }), 'tenants.json');
    expect(Object.keys(tenant!.plugins!)).toEqual(['chat-alert', 'risk-rule']);
  });

  it('refuses an unknown plugin and bad settings, naming the field', () => {
    expect(() => parseTenants(file({ 'fax-alert': {} }), 'tenants.json')).toThrow(/plugins\["fax-alert"\]: no such plugin/);
    expect(() => parseTenants(file({ 'chat-alert': { url: 'https://x.example/hook', format: 'telex' } }), 'tenants.json')).toThrow(/plugins\["chat-alert"\]\.format: /);
    expect(() => parseTenants(file({ 'risk-rule': { windowMinutes: 5 } }), 'tenants.json')).toThrow(/plugins\["risk-rule"\]: give maxAmount, maxPerPayer or both/);
  });
});
