/**
 * `npm run fuzz`: schema-driven fuzzing of the merchant and admin APIs. Starts a local stack, makes
 * a few real records (payments paid, refunded and closed, an admin company with configs, a key and
 * a scene) whose ids the hooks mix into the generated ones, and runs schemathesis against the
 * served OpenAPI document (`/openapi.json`) with a fixed seed and bounded examples. Any 5xx, any
 * response off its documented status, content type or schema fails the run.
 *
 * Schemathesis and its pinned dependencies live in a virtualenv (FUZZ_VENV, default .venv), made
 * or updated here from test/fuzz/requirements.txt. FUZZ_SEED and FUZZ_MAX_EXAMPLES override the
 * defaults; the run is stopped and failed after FUZZ_DEADLINE_S seconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { adminRequest } from '../../cli/client.ts';
import { startLocalStack } from '../../infra/local/local-stack.ts';
import { createMerchant } from '../../infra/local/merchants.ts';

const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];
const SEED = process.env.FUZZ_SEED ?? '20261124';
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '100';
const DEADLINE_S = Number(process.env.FUZZ_DEADLINE_S ?? 540);
const here = resolve(import.meta.dirname);
const venv = resolve(process.env.FUZZ_VENV ?? '.venv');
const outdir = resolve(process.env.PAYEE_TEST_OUTDIR ?? 'cdk.out/fuzz');

function ensureVenv(): string {
  const requirements = join(here, 'requirements.txt');
  const stamp = join(venv, '.payee-fuzz-requirements');
  const installed = existsSync(stamp) && readFileSync(stamp, 'utf8') === readFileSync(requirements, 'utf8');
  if (!installed) {
    const run = (cmd: string, args: string[]) => {
      console.log(`fuzz: ${cmd} ${args.join(' ')}`);
      if (spawnSync(cmd, args, { stdio: 'inherit' }).status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
    };
    if (!existsSync(join(venv, 'bin', 'pip'))) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv]);
    run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', requirements]);
    writeFileSync(stamp, readFileSync(requirements, 'utf8'));
  }
  return join(venv, 'bin', 'schemathesis');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`fuzz: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const schemathesis = ensureVenv();
const started = Date.now();
// The merchant's notifyUrl: answers every notification, so notifications are DELIVERED.
const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;

const local = await startLocalStack({ host: '127.0.0.1', outdir });
let exitCode = 1;
try {
  const { target } = local;
  const api = async (method: string, path: string, body?: unknown): Promise<{ payNo: string; status: string }> => {
    const res = await fetch(`${target.apiUrl}${path}`, {
      method,
      headers: { 'x-api-key': target.demo.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const reply = (await res.json()) as { payNo: string; status: string };
    if (!res.ok) throw new Error(`fuzz: ${method} ${path} answered ${res.status} ${JSON.stringify(reply)}`);
    return reply;
  };
  const create = (n: number) =>
    api('POST', '/v1/payments', { method: 'alipay.qr', outTradeNo: `fuzz-seed-${n}`, subject: 'fuzz', amount: 1999, currency: 'CNY', notifyUrl, metadata: { seed: String(n) } });

  const open = await create(1);
  const closed = await create(2);
  await api('POST', `/v1/payments/${closed.payNo}/close`);
  const paid = await create(3);
  const sandboxPay = await fetch(`${target.sandbox!.alipay.url}/sandbox/trades/${paid.payNo}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!sandboxPay.ok) throw new Error(`fuzz: the Alipay sandbox did not take the payment: ${sandboxPay.status}`);
  await until('the paid payment', async () => ((await api('GET', `/v1/payments/${paid.payNo}`)).status === 'SUCCEEDED' ? true : undefined));
  await api('POST', `/v1/payments/${paid.payNo}/refunds`, { amount: 500, reason: 'fuzz' });

  // The admin operations work on a company of their own, so the merchant's key and configs stay.
  const operated = await createMerchant(target, { name: 'fuzz-admin' });
  const admin = { apiUrl: target.apiUrl, region: target.region, credentials: target.admin! };
  await adminRequest(admin, 'PUT', `/v1/admin/companies/${operated.companyId}/scenes/web`, { methods: { 'alipay.page': operated.payId } });

  const context = {
    apiKey: target.demo.apiKey,
    region: target.region,
    admin: target.admin,
    ids: {
      payNo: [open.payNo, closed.payNo, paid.payNo],
      companyId: [operated.companyId],
      payId: [operated.payId, ...Object.values(operated.payIds)],
      apiKeyId: [operated.apiKeyId],
      code: ['web'],
      channel: ['alipay', 'wechat', 'unionpay', 'paypal'],
      mode: ['direct', 'isv', 'partner'],
    },
  };
  mkdirSync(outdir, { recursive: true });
  const contextFile = join(outdir, 'fuzz-context.json');
  writeFileSync(contextFile, JSON.stringify(context), { mode: 0o600 });
  console.log(`fuzz: local stack and records ready in ${((Date.now() - started) / 1000).toFixed(0)} s; seed ${SEED}, at most ${MAX_EXAMPLES} examples per operation and phase`);

  const args = [
    'run',
    `${target.apiUrl}/openapi.json`,
    '--url',
    target.apiUrl,
    '--checks',
    CHECKS.join(','),
    '--seed',
    SEED,
    '--max-examples',
    MAX_EXAMPLES,
    '--phases',
    'examples,coverage,fuzzing',
    '--workers',
    '2',
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--report',
    'junit',
    '--report-dir',
    join(outdir, 'fuzz-report'),
    ...(process.stdout.isTTY ? [] : ['--no-color']),
  ];
  const child = spawn(schemathesis, args, {
    stdio: 'inherit',
    // Schemathesis keeps its replay data in the working directory.
    cwd: outdir,
    env: { ...process.env, PAYEE_FUZZ_CONTEXT: contextFile, SCHEMATHESIS_HOOKS: 'hooks', PYTHONPATH: here },
  });
  const remaining = DEADLINE_S * 1000 - (Date.now() - started);
  const timer = setTimeout(() => {
    console.error(`fuzz: over its ${DEADLINE_S} s budget; stopped`);
    child.kill('SIGTERM');
  }, remaining);
  exitCode = await new Promise<number>((r) => child.on('exit', (code) => r(code ?? 1)));
  clearTimeout(timer);
  console.log(`fuzz: ${exitCode === 0 ? 'nothing found' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await local.stop();
  receiver.close();
}
process.exit(exitCode);
