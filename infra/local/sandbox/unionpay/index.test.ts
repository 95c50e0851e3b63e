/** The UnionPay sandbox's contract over HTTP, with its own crypto only (no payee lib code). */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUnionpaySandbox, type UnionpaySandbox } from './index.ts';
import { RETRY_INTERVALS_MS } from './notifier.ts';
import { acpSign, acpTime, acpVerify, serialDecimal } from './protocol.ts';

type Config = Record<string, string>;
let sandbox: UnionpaySandbox;
let receiver: Server;
let backUrl: string;
const received: string[] = [];

beforeAll(async () => {
  sandbox = await startUnionpaySandbox({ notifyTimeScale: 1 / 6000 });
  // Never answers 200: UnionPay gives up after 5 deliveries.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      res.writeHead(503).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  backUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function merchant(base = sandbox.url, body?: unknown): Promise<Config> {
  const res = await fetch(`${base}/sandbox/merchants`, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { payeeConfig: Config }).payeeConfig;
}

let seq = 0;
function consume(config: Config, extra: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {
    version: '5.1.0',
    encoding: 'UTF-8',
    signMethod: '01',
    txnType: '01',
    txnSubType: '01',
    bizType: '000201',
    channelType: '08',
    accessType: '0',
    merId: config.merId!,
    certId: serialDecimal(config.signCert!),
    orderId: `T${Date.now()}N${++seq}`,
    txnTime: acpTime(new Date()),
    txnAmt: '100',
    currencyCode: '156',
    backUrl,
    ...extra,
  };
  fields.signature = acpSign(fields, createPrivateKey(config.signPrivateKey!));
  return fields;
}

async function post(url: string, fields: Record<string, string>): Promise<Record<string, string>> {
  const text = await (await fetch(url, { method: 'POST', body: new URLSearchParams(fields) })).text();
  return Object.fromEntries(text.split('&').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

/** A reply's signPubKeyCert chains to the merchant's configured root and middle, and signs the reply. */
function verifyReply(config: Config, reply: Record<string, string>): boolean {
  const cert = new X509Certificate(reply.signPubKeyCert!);
  const middle = new X509Certificate(config.middleCert!);
  return cert.verify(middle.publicKey) && middle.verify(new X509Certificate(config.rootCert!).publicKey) && acpVerify(reply, createPublicKey(reply.signPubKeyCert!));
}

describe('UnionPay sandbox', () => {
  it('POST /sandbox/merchants: a merchant key and certificate, the CA certificates and this sandbox’s URLs', async () => {
    const config = await merchant();
    expect(config.merId).toMatch(/^\d{15}$/);
    expect(Object.keys(config).sort()).toEqual(
      ['appTransUrl', 'backTransUrl', 'frontTransUrl', 'merId', 'middleCert', 'queryTransUrl', 'rootCert', 'signCert', 'signPrivateKey', 'validateCnName'].sort(),
    );
    expect(config.appTransUrl).toBe(`${sandbox.url}/gateway/api/appTransReq.do`);
    expect(new X509Certificate(config.signCert!).checkPrivateKey(createPrivateKey(config.signPrivateKey!))).toBe(true);
    expect((await fetch(`${sandbox.url}/sandbox/merchants`, { method: 'POST', body: JSON.stringify({ merId: config.merId }) })).status).toBe(409);
  });

  it('answers signed raw k=v replies; refuses a wrong certId or signature with 11', async () => {
    const config = await merchant();
    const ok = await post(config.appTransUrl!, consume(config));
    expect(ok).toMatchObject({ respCode: '00', tn: expect.stringMatching(/^\d{21}$/) });
    expect(ok.signPubKeyCert).toContain('\r\n');
    expect(verifyReply(config, ok)).toBe(true);
    const badCertId = await post(config.appTransUrl!, { ...consume(config), certId: '1' });
    expect(badCertId).toMatchObject({ respCode: '11' });
    expect(await post(config.appTransUrl!, { ...consume(config), txnAmt: '1' })).toMatchObject({ respCode: '11' });
  });

  it('notifications: built without sending; sent with UnionPay’s 5 deliveries when never acknowledged', async () => {
    const config = await merchant();
    const fields = consume(config);
    await post(config.appTransUrl!, fields);
    const built = (await (await fetch(`${sandbox.url}/sandbox/trades/${fields.orderId}/notifications`, { method: 'POST', body: JSON.stringify({ status: '00', send: false }) })).json()) as Record<string, unknown>;
    expect(built).toMatchObject({ url: backUrl, headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, sent: false });
    const notification = Object.fromEntries(new URLSearchParams(built.body as string));
    expect(notification).toMatchObject({ txnType: '01', respCode: '00', orderId: fields.orderId, txnAmt: '100', merId: config.merId });
    expect(verifyReply(config, notification)).toBe(true);

    expect(received.filter((b) => b.includes(fields.orderId!))).toHaveLength(0);
    // Building it paid the order (UnionPay notifies payments only); now send it.
    expect((await fetch(`${sandbox.url}/sandbox/trades/${fields.orderId}/pay`, { method: 'POST' })).status).toBe(409);
    const sent = await fetch(`${sandbox.url}/sandbox/trades/${fields.orderId}/notifications`, { method: 'POST', body: JSON.stringify({ status: '00' }) });
    expect(await sent.json()).toMatchObject({ sent: true });
    const total = RETRY_INTERVALS_MS.reduce((a, b) => a + b, 0) / 6000;
    await new Promise((r) => setTimeout(r, total + 300));
    const deliveries = (await (await fetch(`${sandbox.url}/sandbox/trades/${fields.orderId}/deliveries`)).json()) as { status: number }[];
    expect(deliveries.map((d) => d.status)).toEqual([503, 503, 503, 503, 503]);
  });

  it('an order past its payTimeout takes no payment', async () => {
    const config = await merchant();
    const fields = consume(config, { payTimeout: acpTime(new Date(Date.now() - 1000)) });
    expect(await post(config.appTransUrl!, fields)).toMatchObject({ respCode: '10' });
    expect((await fetch(`${sandbox.url}/sandbox/trades/${fields.orderId}/pay`, { method: 'POST' })).status).toBe(409);
  });

  it('faults: validated, counted, per merchant', async () => {
    const [a, b] = [await merchant(), await merchant()];
    expect((await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode: 'nope', count: 1 }) })).status).toBe(400);
    await fetch(`${sandbox.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ mode: 'http500', count: 1, merchant: a.merId }) });
    expect((await fetch(b.appTransUrl!, { method: 'POST', body: new URLSearchParams(consume(b)) })).status).toBe(200);
    expect((await fetch(a.appTransUrl!, { method: 'POST', body: new URLSearchParams(consume(a)) })).status).toBe(500);
    expect((await fetch(a.appTransUrl!, { method: 'POST', body: new URLSearchParams(consume(a)) })).status).toBe(200);
  });

  it('keyDir keeps the CA, UnionPay’s certificate and the merchants across restarts', async () => {
    const keyDir = await mkdtemp(join(tmpdir(), 'unionpay-keys-'));
    try {
      const first = await startUnionpaySandbox({ keyDir });
      const config = await merchant(first.url);
      await first.close();
      const second = await startUnionpaySandbox({ keyDir });
      expect(second.rootCertPem).toBe(config.rootCert);
      const reply = await post(`${second.url}/gateway/api/appTransReq.do`, consume(config));
      expect(reply.respCode).toBe('00');
      expect(verifyReply(config, reply)).toBe(true);
      await second.close();
    } finally {
      await rm(keyDir, { recursive: true, force: true });
    }
  });
});
