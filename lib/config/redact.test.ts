import { Writable } from 'node:stream';
import { Console } from 'node:console';
import { describe, expect, it } from 'vitest';
import { sealSecrets } from '../crypto/envelope.ts';
import { LocalKeyProvider, newLocalKey } from '../crypto/local-key.ts';
import { logger } from '../observability/logger.ts';
import { redactConfig, redactPayConfig, SECRET_SET } from './redact.ts';
import { sampleConfigs } from './testing.ts';

const samples = await sampleConfigs();
const wechat = samples['wechat/direct']!;

/** Every line the shared logger writes while `run` runs. */
function logged(run: () => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += chunk;
      done();
    },
  });
  const console = (logger as unknown as { console: Console }).console;
  (logger as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
  try {
    run();
  } finally {
    (logger as unknown as { console: Console }).console = console;
  }
  return out;
}

const secretsOf = (config: Record<string, unknown>, fields: string[]) => fields.map((f) => String(config[f]));
const bodyOf = (pem: string) => pem.split('\n')[1]!;

describe('redaction for API output', () => {
  it('replaces secret fields with hasValue and keeps the rest', () => {
    const view = redactConfig(wechat, ['privateKey', 'apiV3Key']);
    expect(view.privateKey).toEqual(SECRET_SET);
    expect(view.apiV3Key).toEqual({ hasValue: true });
    expect(view.mchid).toBe(wechat.mchid);
    expect(view.platformKeys).toEqual(wechat.platformKeys);
    const text = JSON.stringify(view);
    for (const secret of secretsOf(wechat, ['apiV3Key'])) expect(text).not.toContain(secret);
    expect(text).not.toContain(bodyOf(String(wechat.privateKey)));
  });

  it('redacts a stored item: sealed values and the wrapped data key', async () => {
    const sealed = await sealSecrets(new LocalKeyProvider(newLocalKey()), { payId: 'PC1' }, wechat, ['privateKey', 'apiV3Key']);
    const view = redactPayConfig({ payId: 'PC1', channel: 'wechat', config: sealed.fields, dataKey: sealed.dataKey }, []);
    expect(view).toEqual({ payId: 'PC1', channel: 'wechat', config: { ...wechat, privateKey: SECRET_SET, apiV3Key: SECRET_SET } });
  });
});

describe('redaction in logs', () => {
  it('never writes a config secret, wherever it sits in a log line', () => {
    const paypal = samples['paypal/direct']!;
    const out = logged(() => {
      logger.info('config loaded', { payConfig: { payId: 'PC1', channel: 'wechat', config: wechat } });
      logger.warn('paypal', { config: paypal, nested: [{ clientSecret: paypal.clientSecret }] });
      logger.error('isv', { config: samples['alipay/isv'] });
    });
    expect(out.split('\n').filter(Boolean)).toHaveLength(3);
    expect(out).toContain('"mchid":"1900000001"');
    expect(out).toContain('"privateKey":"[redacted]"');
    for (const secret of [wechat.apiV3Key, paypal.clientSecret, samples['alipay/isv']!.appAuthToken]) expect(out).not.toContain(String(secret));
    expect(out).not.toContain(bodyOf(String(wechat.privateKey)));
  });

  it('cuts a private key out of an error message and its stack', () => {
    const pem = String(samples['unionpay/direct']!.signPrivateKey);
    const out = logged(() => logger.error('provider call failed', new Error(`cannot load key ${pem}`)));
    expect(out).toContain('cannot load key [redacted private key]');
    expect(out).not.toContain(bodyOf(pem));
    expect(out).not.toContain('PRIVATE KEY-----');
  });
});
