/** infra/local/sandbox-cli.ts as `npm run sandbox` runs it, in a directory with its own .payee/local.json. */
import { providerHttp } from '../../../../lib/http/provider-http.ts';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alipay } from '../../../../lib/channels/alipay/index.ts';
import { startAlipaySandbox, type AlipaySandbox } from './index.ts';

const ROOT = join(import.meta.dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'infra/local/sandbox-cli.ts');

function run(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

let sandbox: AlipaySandbox;
let merchant: Server;
let dir: string;
let config: ReturnType<typeof alipay.configSchema.parse>;
const payNo = `C${process.pid}T${Date.now()}`;

beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  sandbox.registerApp({ appId: '2021000000000004', appPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  merchant = createServer((req, res) => req.resume().on('end', () => res.end('success')));
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  config = alipay.configSchema.parse({
    appId: '2021000000000004',
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
  });
  await alipay.create(
    { config, http: providerHttp, timeoutMs: 2000, now: () => new Date() },
    { createdAt: new Date(), payNo, method: 'alipay.qr', subject: 'T-shirt', amount: 1999, currency: 'CNY', expiresAt: new Date(Date.now() + 600_000), callbackUrl: `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/cb` },
  );
  dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-'));
  await mkdir(join(dir, 'started', '.payee'), { recursive: true });
  await writeFile(join(dir, 'started', '.payee', 'local.json'), JSON.stringify({ sandbox: { alipay: { url: sandbox.url } } }));
});
afterAll(async () => {
  await sandbox.close();
  merchant.close();
  await rm(dir, { recursive: true });
});

describe('npm run sandbox', () => {
  it('pays, shows the delivery, then refuses to pay twice', async () => {
    const paid = await run(join(dir, 'started'), 'pay', payNo);
    expect(paid.code).toBe(0);
    expect(paid.stdout).toContain(`${payNo}: TRADE_SUCCESS`);
    expect(paid.stdout).toMatch(/#1 .* TRADE_SUCCESS .* HTTP 200 "success"/);
    expect(await run(join(dir, 'started'), 'pay', payNo)).toMatchObject({ code: 1, stderr: expect.stringContaining('is TRADE_SUCCESS, not WAIT_BUYER_PAY') });
    expect((await run(join(dir, 'started'), 'deliveries', payNo)).stdout.trim().split('\n')).toHaveLength(1);
    // A refunded trade has nested values (its refunds), printed as JSON.
    await alipay.refund({ config, http: providerHttp, timeoutMs: 2000, now: () => new Date() }, { payment: { payNo, amount: 1999, currency: 'CNY' }, refundNo: 'R1', amount: 500, callbackUrl: 'http://127.0.0.1:9/cb' });
    const trade = await run(join(dir, 'started'), 'trade', payNo);
    expect(trade.stdout).toMatch(/^status +TRADE_SUCCESS$/m);
    expect(trade.stdout).toMatch(/^refunds +\[\{"outRequestNo":"R1","refundAmount":"5.00",/m);
    expect(trade.stdout).not.toContain('[object Object]');
  });

  it('reports an unknown trade, a missing local.json and bad usage, with non-zero exit codes', async () => {
    expect(await run(join(dir, 'started'), 'trade', 'NOPE')).toMatchObject({ code: 1, stderr: 'sandbox: no such trade: NOPE\n' });
    expect(await run(dir, 'pay', payNo)).toMatchObject({ code: 1, stderr: expect.stringContaining('start the gateway first with npm start') });
    expect(await run(dir, 'refund', payNo)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command refund') });
    expect(await run(dir, 'help')).toMatchObject({ code: 0, stdout: expect.stringContaining('deliveries <payNo>') });
  });
});
