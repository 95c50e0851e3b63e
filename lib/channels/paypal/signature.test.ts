/**
 * PayPal's published golden vector (PROTOCOLS.md §4.4) through the whole verifyCallback: its
 * certificate is served by a local HTTP server at the vector's certificate path, and that origin
 * is listed in certHosts (http allowed because it is listed explicitly). The clock is set to just
 * after the transmission, when the certificate was valid.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 as sandboxCrc32 } from '../../../infra/local/sandbox/paypal/protocol.ts';
import { providerHttp } from '../../http/provider-http.ts';
import type { CallbackRequest, ChannelCall } from '../channel.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';
import { signedMessage } from './signature.ts';

const DIR = '/work/shared/providers/vectors/paypal';
const vector = JSON.parse(readFileSync(`${DIR}/vector.json`, 'utf8')) as { webhookId: string; headers: Record<string, string>; body: string };
const certPem = readFileSync(`${DIR}/clientCertTest.crt`, 'utf8');
const certPath = new URL(vector.headers['PAYPAL-CERT-URL']!).pathname;

let server: Server;
let origin: string;
let certFetches = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    certFetches++;
    if (req.url === certPath) res.writeHead(200, { 'content-type': 'text/plain' }).end(certPem);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function call(now: string, overrides: Partial<PayPalConfig> = {}): ChannelCall<PayPalConfig> {
  const config = paypal.configSchema.parse({ clientId: 'c', clientSecret: 's', webhookId: vector.webhookId, certHosts: [origin], ...overrides });
  return { config, http: providerHttp, timeoutMs: 2000, now: () => new Date(now) };
}

function request(headers = vector.headers, body = vector.body): CallbackRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { headers: { ...lower, 'paypal-cert-url': `${origin}${certPath}` }, rawBody: body };
}

const JUST_AFTER = '2019-08-29T10:50:00Z';

describe('the PayPal golden vector', () => {
  it('has the published CRC32, in zlib and in the sandbox’s own CRC', () => {
    expect(zlibCrc32(Buffer.from(vector.body, 'utf8'))).toBe(3674300368);
    expect(sandboxCrc32(Buffer.from(vector.body, 'utf8'))).toBe(3674300368);
    expect(signedMessage(vector.headers['PAYPAL-TRANSMISSION-ID']!, vector.headers['PAYPAL-TRANSMISSION-TIME']!, vector.webhookId, vector.body)).toBe(
      'afa30d40-ca4a-11e9-ab68-7d4e2605c70c|2019-08-29T10:49:33Z|0FV983392A0531201|3674300368',
    );
  });

  it('verifies: the signature checks out and the event type (PAYMENTS.PAYMENT.CREATED, v1) is then unsupported', async () => {
    const verdict = await paypal.verifyCallback(call(JUST_AFTER), request());
    expect(verdict).toEqual({ ok: false, reason: 'unsupported', detail: 'PAYMENTS.PAYMENT.CREATED is not handled' });
  });

  it('fails with another webhook id, a re-serialised body, or a flipped signature', async () => {
    expect(await paypal.verifyCallback(call(JUST_AFTER, { webhookId: '0FV983392A0531202' }), request())).toMatchObject({ ok: false, reason: 'bad_signature' });
    const reserialised = JSON.stringify(JSON.parse(vector.body), null, 1);
    expect(await paypal.verifyCallback(call(JUST_AFTER), request(vector.headers, reserialised))).toMatchObject({ ok: false, reason: 'bad_signature' });
    const sig = vector.headers['PAYPAL-TRANSMISSION-SIG']!;
    const flipped = { ...vector.headers, 'PAYPAL-TRANSMISSION-SIG': (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1) };
    expect(await paypal.verifyCallback(call(JUST_AFTER), request(flipped))).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('is stale 5 minutes after its transmission time, and its certificate has expired since', async () => {
    expect(await paypal.verifyCallback(call('2019-08-29T10:54:33Z'), request())).toMatchObject({ reason: 'unsupported' });
    expect(await paypal.verifyCallback(call('2019-08-29T10:54:34Z'), request())).toMatchObject({ reason: 'bad_signature', detail: expect.stringContaining('more than 5 min') });
    // A fresh transmission time but today's clock: the (cached) 2021 certificate is refused.
    const now = new Date();
    const fresh = { ...vector.headers, 'PAYPAL-TRANSMISSION-TIME': now.toISOString() };
    expect(await paypal.verifyCallback(call(now.toISOString()), request(fresh))).toMatchObject({ reason: 'bad_signature', detail: expect.stringContaining('not valid now') });
  });

  it('fetches the certificate once per URL', async () => {
    const before = certFetches;
    await paypal.verifyCallback(call(JUST_AFTER), request());
    await paypal.verifyCallback(call(JUST_AFTER), request());
    expect(certFetches).toBe(before);
  });

  it('refuses the certificate URL from any host not in certHosts, and plain http unless the origin is listed', async () => {
    const elsewhere = { ...request(), headers: { ...request().headers, 'paypal-cert-url': `http://localhost:${new URL(origin).port}${certPath}` } };
    expect(await paypal.verifyCallback(call(JUST_AFTER), elsewhere)).toMatchObject({ reason: 'bad_signature', detail: expect.stringContaining("not on PayPal's hosts") });
    expect(await paypal.verifyCallback(call(JUST_AFTER, { certHosts: ['127.0.0.1'] }), request())).toMatchObject({ reason: 'bad_signature' });
  });
});
