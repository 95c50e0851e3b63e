/**
 * The conformance driver: `npm run sdk:conformance [-- <language>...]`.
 *
 * Runs every scenario against a real local stack, for each language whose sdk/<language>/manifest.json
 * names an adapter, then writes sdk/conformance/results/<language>.json and the parity table in
 * sdk/README.md. The stack is the one PAYEE_TARGET names (a JSON file like .payee/local.json, e.g.
 * of a running `npm start`), or else one started here on random ports and stopped at the end.
 * SCENARIOS=id,id runs only those.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { adminRequest } from '../../cli/client.ts';
import { createMerchant, type Merchant } from '../../infra/local/merchants.ts';
import type { Target } from '../../infra/local/target.ts';
import { startMerchantEndpoint } from '../../test/support/merchant-endpoint.ts';
import { AdapterProcess, SdkCallFailed } from './adapter-process.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { languages, openTarget, RESULTS_DIR, SDK_DIR, seconds, type Manifest } from './harness.ts';
import { parityTable, readResults, writeParity, writeResults, type LanguageResults } from './parity.ts';
import { SCENARIOS, type Context } from './scenarios.ts';

const SCENARIO_TIMEOUT_MS = 120_000;

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
}

async function runLanguage(target: Target, manifest: Manifest): Promise<LanguageResults> {
  const { language } = manifest;
  const adapter = await AdapterProcess.start(manifest.adapter!.command, join(SDK_DIR, language));
  const merchant = await createMerchant(target, { name: `conformance-${language}` });
  const proxy = await startFaultProxy(target.apiUrl);
  const receiver = await startMerchantEndpoint();
  let counter = 0;

  const sdk = async (op: string, args: Record<string, unknown> = {}) => {
    const reply = await adapter.call(op, args);
    if (!reply.ok) throw new SdkCallFailed(op, reply.error);
    return reply.result;
  };
  const ctx: Context = {
    target,
    ready: adapter.ready,
    merchant,
    proxy,
    receiver,
    sdk,
    async sdkError(op, args = {}) {
      const reply = await adapter.call(op, args);
      if (reply.ok) throw new Error(`${op} should have failed; it answered ${JSON.stringify(reply.result).slice(0, 300)}`);
      if (reply.error.kind === 'adapter') throw new SdkCallFailed(op, reply.error);
      return reply.error;
    },
    async configure(client, options) {
      await sdk('configure', { client, apiKey: merchant.apiKey, baseUrl: target.apiUrl, ...options });
    },
    newMerchant: (name, tier) => createMerchant(target, { name, tier }),
    async admin(method, path, body) {
      if (!target.admin) throw new Error('this scenario needs the target\'s admin credential (a local stack writes one)');
      const connection = { apiUrl: target.apiUrl, region: target.region, credentials: target.admin };
      return (await adminRequest(connection, method, path, body)).body;
    },
    async raw(apiKey, method, path) {
      const res = await fetch(`${target.apiUrl}${path}`, { method, headers: { 'x-api-key': apiKey } });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async pay(payNo, channel = 'alipay') {
      const sandbox = target.sandbox?.[channel as keyof NonNullable<Target['sandbox']>];
      if (!sandbox) throw new Error(`the target has no ${channel} sandbox`);
      await post(`${sandbox.url}/sandbox/trades/${payNo}/pay`, channel === 'alipay' ? { sellerId: merchant.alipay.sellerId } : {});
    },
    alipayFault: (m: Merchant, mode, count) => post(`${target.sandbox!.alipay.url}/sandbox/faults`, { mode, count, appId: m.alipay.appId }),
    async chaos(path, body = {}) {
      if (!target.chaosUrl) throw new Error('this scenario needs the local stack (its fault controls)');
      await post(`${target.chaosUrl}${path}`, body);
    },
    async eventually(read, done, ms, what) {
      const deadline = Date.now() + ms;
      for (;;) {
        const value = await read();
        if (done(value)) return value;
        if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)?.slice(0, 300)})`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    uid: (prefix) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase(),
  };

  const only = process.env.SCENARIOS?.split(',').filter(Boolean);
  const outcomes: LanguageResults['scenarios'] = [];
  try {
    await ctx.configure('default', {});
    for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.id))) {
      proxy.reset();
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          scenario.run(ctx),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`not done within ${seconds(SCENARIO_TIMEOUT_MS)}`)), SCENARIO_TIMEOUT_MS))),
        ]);
        outcomes.push({ id: scenario.id, ok: true });
        console.log(`  ✓ ${scenario.id} (${seconds(Date.now() - started)})`);
      } catch (error) {
        const message = (error as Error).message.split('\n').slice(0, 6).join(' ');
        outcomes.push({ id: scenario.id, ok: false, error: message });
        console.log(`  ✗ ${scenario.id} (${seconds(Date.now() - started)}): ${message}`);
        const stderr = adapter.stderrTail(1000);
        if (stderr) console.log(`    adapter stderr: ${stderr.replaceAll('\n', '\n    ')}`);
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    await adapter.close();
    await proxy.close();
    await receiver.close();
  }
  const { sdk: name, version, variants } = adapter.ready;
  const passed = outcomes.filter((o) => o.ok).length;
  return { language, sdk: name, version, variants, passed, failed: outcomes.length - passed, scenarios: outcomes };
}

const started = Date.now();
const chosen = languages(process.argv.slice(2));
const { target, stop } = await openTarget('conformance', 'cdk.out/test-sdk');

let failed = 0;
try {
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const manifest of chosen) {
    const began = Date.now();
    console.log(`${manifest.language}:`);
    const results = await runLanguage(target, manifest);
    failed += results.failed;
    console.log(`${manifest.language}: ${results.passed} passed, ${results.failed} failed (${seconds(Date.now() - began)})`);
    // A partial run (SCENARIOS=...) is for debugging: it does not replace the language's results.
    if (!process.env.SCENARIOS) writeResults(RESULTS_DIR, results);
  }
  if (!process.env.SCENARIOS) {
    const table = parityTable(SCENARIOS, readResults(RESULTS_DIR));
    if (!writeParity(join(SDK_DIR, 'README.md'), table)) throw new Error('sdk/README.md has no parity markers');
    console.log('conformance: wrote sdk/conformance/results/ and the parity table in sdk/README.md');
  }
} finally {
  await stop();
}
console.log(`conformance: ${failed ? `${failed} scenario(s) failed` : 'all passed'} (${seconds(Date.now() - started)})`);
process.exit(failed ? 1 : 0);
