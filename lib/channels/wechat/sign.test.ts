/** Signing, verification and decryption against the published Go vector and wechatpay-axios-plugin (PROTOCOLS.md §2.5, §2.6). */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decryptResource } from './aead.ts';
import { authorization, checkSigned, lines } from './sign.ts';

const require = createRequire(import.meta.url);
const { Rsa, Formatter, Aes } = require('wechatpay-axios-plugin');

const VECTORS = '/work/shared/providers/vectors/wechatpay';
const vector = JSON.parse(readFileSync(`${VECTORS}/go_notify_vector.json`, 'utf8'));
const cert = readFileSync(`${VECTORS}/go_notify_cert.pem`, 'utf8');
const vectorHeader = (name: string) => Object.entries(vector.headers as Record<string, string>).find(([k]) => k.toLowerCase() === name)?.[1];
const atVectorTime = new Date(Number(vector.headers['Wechatpay-Timestamp']) * 1000 + 10_000);

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('wechat signatures', () => {
  it('verifies the wechatpay-go notify vector with its platform certificate, and decrypts it', () => {
    expect(checkSigned(vectorHeader, vector.body, { D7CE59D1F522D701: cert }, atVectorTime)).toEqual({ ok: true });
    const { resource } = JSON.parse(vector.body);
    expect(decryptResource(resource, vector.apiv3Key)).toBe(vector.expectedPlaintext);
  });

  it('rejects the vector with a changed body, another serial, a probe signature, or outside ±300 s', () => {
    const keys = { D7CE59D1F522D701: cert };
    expect(checkSigned(vectorHeader, vector.body.replace('签约成功', '签约失败'), keys, atVectorTime)).toMatchObject({ ok: false, problem: 'bad_signature' });
    expect(checkSigned(vectorHeader, vector.body, { OTHER: cert }, atVectorTime)).toMatchObject({ ok: false, problem: 'unknown_serial' });
    const probe = (name: string) => (name === 'wechatpay-signature' ? `WECHATPAY/SIGNTEST/${vectorHeader(name)}` : vectorHeader(name));
    expect(checkSigned(probe, vector.body, keys, atVectorTime)).toMatchObject({ ok: false, problem: 'bad_signature' });
    expect(checkSigned(vectorHeader, vector.body, keys, new Date(atVectorTime.getTime() + 300_000))).toMatchObject({ ok: false, problem: 'stale' });
    const { resource } = JSON.parse(vector.body);
    expect(decryptResource({ ...resource, associated_data: 'transaction' }, vector.apiv3Key)).toBeUndefined();
  });

  it('builds the documented request message (§2.1) as the plugin does', () => {
    expect(lines('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
    expect(lines('1757488840', 'e63973074d9d78aff8fb62277b5f95a0', '{}')).toBe(Formatter.response('1757488840', 'e63973074d9d78aff8fb62277b5f95a0', '{}'));
  });

  it('signs an Authorization the plugin verifies', () => {
    const body = '{"mchid":"1900000109"}';
    const header = authorization({ mchid: '1900000109', serial: 'ABC123', privateKeyPem: privatePem }, { method: 'POST', url: '/v3/pay/transactions/native?x=1', body, timestamp: 1554208460, nonce: 'N0NCE' });
    const fields = Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    expect(header.startsWith('WECHATPAY2-SHA256-RSA2048 ')).toBe(true);
    expect(fields).toMatchObject({ mchid: '1900000109', serial_no: 'ABC123', timestamp: '1554208460', nonce_str: 'N0NCE' });
    const message = Formatter.request('POST', '/v3/pay/transactions/native?x=1', 1554208460, 'N0NCE', body);
    expect(Rsa.verify(message, fields.signature, Rsa.from(publicPem, Rsa.KEY_TYPE_PUBLIC))).toBe(true);
    expect(Rsa.verify(message.replace('x=1', 'x=2'), fields.signature, Rsa.from(publicPem, Rsa.KEY_TYPE_PUBLIC))).toBe(false);
  });

  it('verifies what the plugin signs and decrypts what it encrypts (AES-256-GCM, 32-byte key)', () => {
    const now = new Date();
    const ts = String(Math.floor(now.getTime() / 1000));
    const body = '{"ok":true}';
    const signature = Rsa.sign(Formatter.response(ts, 'abc', body), Rsa.from(privatePem, Rsa.KEY_TYPE_PRIVATE));
    const header = (name: string) => ({ 'wechatpay-timestamp': ts, 'wechatpay-nonce': 'abc', 'wechatpay-signature': signature, 'wechatpay-serial': 'PUB_KEY_ID_0114' })[name];
    expect(checkSigned(header, body, { PUB_KEY_ID_0114: publicPem }, now)).toEqual({ ok: true });
    const key = '0123456789abcdefghijklmnopqrstuv';
    const ciphertext = Aes.AesGcm.encrypt('{"trade":"明文"}', key, 'nonce1234567', 'transaction');
    expect(decryptResource({ ciphertext, nonce: 'nonce1234567', associated_data: 'transaction' }, key)).toBe('{"trade":"明文"}');
    expect(decryptResource({ ciphertext, nonce: 'nonce1234567', associated_data: 'certificate' }, key)).toBeUndefined();
  });
});
