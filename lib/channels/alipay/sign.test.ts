import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import type { ChannelCall } from '../channel.ts';
import type { AlipayConfig } from './config.ts';
import { alipay } from './index.ts';
import { notifySignContent, requestSignContent, signRsa2, verifyNotify, verifyRsa2 } from './sign.ts';

const vector = JSON.parse(readFileSync('/work/shared/providers/vectors/alipay/notify-2019.json', 'utf8')) as {
  alipayPublicKey: string;
  params: Record<string, string>;
};

describe('notify verification (rsaCheckV1, PROTOCOLS.md §1.5)', () => {
  it("verifies Alipay's real 2019 TRADE_SUCCESS notify with its public key (bare base64 SPKI)", () => {
    expect(verifyNotify(vector.params, vector.alipayPublicKey)).toBe(true);
  });

  it('rejects the notify once a field, the signature or the key changes', () => {
    expect(verifyNotify({ ...vector.params, total_amount: '100.10' }, vector.alipayPublicKey)).toBe(false);
    expect(verifyNotify({ ...vector.params, extra: 'x' }, vector.alipayPublicKey)).toBe(false);
    const sign = vector.params.sign!;
    expect(verifyNotify({ ...vector.params, sign: `${sign[0] === 'A' ? 'B' : 'A'}${sign.slice(1)}` }, vector.alipayPublicKey)).toBe(false);
    const { sign: _, ...unsigned } = vector.params;
    expect(verifyNotify(unsigned, vector.alipayPublicKey)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyNotify(vector.params, other)).toBe(false);
  });

  it('leaves out sign and sign_type and keeps empty values', () => {
    expect(notifySignContent({ b: '2', sign: 's', a: '', sign_type: 'RSA2' })).toBe('a=&b=2');
  });
});

describe('request string to sign (PROTOCOLS.md §1.2)', () => {
  it('reproduces the documented sdkExecute string: sign_type kept, empties and sign dropped, sorted, raw values', () => {
    const params = {
      timestamp: '2026-11-24 22:41:55',
      method: 'alipay.trade.app.pay',
      app_id: '2021000000000000',
      sign_type: 'RSA2',
      sign: 'ignored',
      return_url: '',
      version: '1.0',
      notify_url: 'https://merchant.example/alipay/notify',
      charset: 'utf-8',
      biz_content: '{"out_trade_no":"T20240101000001","total_amount":"0.01","subject":"测试商品","product_code":"QUICK_MSECURITY_PAY"}',
    };
    expect(requestSignContent(params)).toBe(
      'app_id=2021000000000000&biz_content={"out_trade_no":"T20240101000001","total_amount":"0.01","subject":"测试商品","product_code":"QUICK_MSECURITY_PAY"}&charset=utf-8&method=alipay.trade.app.pay&notify_url=https://merchant.example/alipay/notify&sign_type=RSA2&timestamp=2026-11-24 22:41:55&version=1.0',
    );
  });
});

describe('payee and alipay-sdk sign alike', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8Pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sdk = new AlipaySdk({ appId: '2021000000000000', privateKey: pkcs8Pem, keyType: 'PKCS8', alipayPublicKey: publicPem });
  // 2026-11-24 22:41:55 in Beijing.
  const now = new Date('2026-11-24T14:41:55Z');

  function call(privateKeyText: string): ChannelCall<AlipayConfig> {
    const config = alipay.configSchema.parse({ appId: '2021000000000000', privateKey: privateKeyText, alipayPublicKey: publicPem });
    return { config, http: () => Promise.reject(new Error('app pay makes no call')), timeoutMs: 1000, now: () => now };
  }

  const request = {
    payNo: 'P01JTEST0000000000000000001',
    createdAt: new Date('2026-11-24T14:41:55Z'),
    method: 'alipay.app',
    subject: '测试商品 & more / 100%',
    amount: 1,
    currency: 'CNY',
    expiresAt: new Date('2026-11-24T15:11:55Z'),
    callbackUrl: 'https://pay.example/callback/alipay?x=1&y=2',
  };

  async function payeeOrderString(privateKeyText: string): Promise<string> {
    const outcome = await alipay.create(call(privateKeyText), request);
    if (outcome.outcome !== 'created' || outcome.action.type !== 'app_params') throw new Error('expected app_params');
    return outcome.action.value;
  }

  const decode = (orderString: string) =>
    Object.fromEntries(orderString.split('&').map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]));

  it('builds the same signed app order string as sdkExecute (same parameters, same signature)', async () => {
    const sdkString = sdk.sdkExecute(
      'alipay.trade.app.pay',
      {
        // payee sends format=JSON (optional, signed when present); the Node SDK leaves it out.
        format: 'JSON',
        timestamp: '2026-11-24 22:41:55',
        notifyUrl: request.callbackUrl,
        bizContent: {
          out_trade_no: request.payNo,
          total_amount: '0.01',
          subject: request.subject,
          product_code: 'QUICK_MSECURITY_PAY',
          time_expire: '2026-11-24 23:11:55',
        },
      },
      { bizContentAutoSnakeCase: false },
    );
    const payee = decode(await payeeOrderString(pkcs8Pem));
    expect(payee).toEqual(decode(sdkString));
    expect(payee.sign).toBeTruthy();
  });

  it('accepts the app key as PEM, bare base64 PKCS#8 DER and bare base64 PKCS#1 DER', async () => {
    const pkcs8Der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const pkcs1Der = privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const fromPem = await payeeOrderString(pkcs8Pem);
    expect(await payeeOrderString(pkcs8Der)).toBe(fromPem);
    expect(await payeeOrderString(pkcs1Der)).toBe(fromPem);
    expect(alipay.configSchema.safeParse({ appId: '1', privateKey: 'not a key', alipayPublicKey: publicPem }).success).toBe(false);
  });

  it("verifies the SDK's request signatures, and the SDK verifies payee's", () => {
    const params = decode(sdk.sdkExecute('alipay.trade.query', { bizContent: { out_trade_no: 'P1' } }));
    expect(verifyRsa2(requestSignContent(params), params.sign!, publicPem)).toBe(true);
    expect(verifyRsa2(requestSignContent({ ...params, method: 'alipay.trade.close' }), params.sign!, publicPem)).toBe(false);

    const content = requestSignContent(params);
    expect(sdk.rsaCheck(content, signRsa2(content, pkcs8Pem))).toBe(true);
  });

  it("signs notifications the SDK's checkNotifySignV2 accepts (as the sandbox will sign them)", () => {
    const notify: Record<string, string> = { ...vector.params, sign_type: 'RSA2' };
    delete notify.sign;
    notify.sign = signRsa2(notifySignContent(notify), pkcs8Pem);
    expect(sdk.checkNotifySignV2(notify)).toBe(true);
    expect(verifyNotify(notify, publicPem)).toBe(true);
    expect(sdk.checkNotifySignV2({ ...notify, total_amount: '9.99' })).toBe(false);
  });
});
