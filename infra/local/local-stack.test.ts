import { describe, expect, it } from 'vitest';
import { localState } from './local-stack.ts';
import type { Target } from './target.ts';

describe('.payee/local.json', () => {
  it('keeps the whole target, every sandbox included, and adds the demo Alipay app', () => {
    const target: Target = {
      apiUrl: 'http://127.0.0.1:4010/live',
      region: 'us-east-1',
      tableName: 't',
      usagePlans: { standard: 'p1' },
      endpoints: { dynamodb: 'http://127.0.0.1:4011' },
      sandbox: {
        alipay: { url: 'http://127.0.0.1:4030', gatewayUrl: 'http://127.0.0.1:4030/gateway.do', publicKeyPem: 'PEM' },
        wechat: { url: 'http://127.0.0.1:4031' },
        unionpay: { url: 'http://127.0.0.1:4032' },
        paypal: { url: 'http://127.0.0.1:4033' },
      },
    };
    const app = { appId: '2021000000000001', sellerId: '2088000000000001', keyFiles: { appPrivateKey: '.payee/keys/a.pem' } };
    const state = localState(target, app);
    expect(state).toMatchObject(target);
    expect(state.sandbox).toEqual({ ...target.sandbox, alipay: { ...target.sandbox!.alipay, ...app } });
  });
});
