/**
 * The SDK benchmark: `npm run sdk:bench [-- <language>...]`.
 *
 * Per language, through its adapter's `bench` op (CONTRIBUTING.md): getPayment of one payment
 * through the SDK's concurrent call style against the same GET through the HTTP client the SDK
 * itself uses, 16 calls in flight, both in one process and one run, in rounds alternating which
 * side goes first so that the shared machine's load drift hits both alike. Prints raw and SDK
 * calls/s and their ratio (the aim: ≤ 1.2), writes `bench` into
 * sdk/conformance/results/<language>.json and the table in sdk/README.md, and fails when an SDK
 * is over the aim. The stack is PAYEE_TARGET's or a local one, as for the conformance suite.
 * BENCH_CALLS (per side, default 2000) and BENCH_ROUNDS (default 10) size the run.
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createMerchant } from '../../infra/local/merchants.ts';
import type { Target } from '../../infra/local/target.ts';
import { AdapterProcess, SdkCallFailed } from './adapter-process.ts';
import { languages, openTarget, RESULTS_DIR, SDK_DIR, seconds, type Manifest } from './harness.ts';
import { parityTable, readResults, writeParity, writeResults, type BenchResult } from './parity.ts';
import { SCENARIOS } from './scenarios.ts';

const CONCURRENCY = 16;
const TARGET = 1.2;
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);

async function benchLanguage(target: Target, manifest: Manifest): Promise<BenchResult> {
  const { language } = manifest;
  const adapter = await AdapterProcess.start(manifest.adapter!.command, join(SDK_DIR, language));
  try {
    const merchant = await createMerchant(target, { name: `bench-${language}` });
    const sdk = async (op: string, args: Record<string, unknown>, timeoutMs?: number) => {
      const reply = await adapter.call(op, args, timeoutMs);
      if (!reply.ok) throw new SdkCallFailed(op, reply.error);
      return reply.result;
    };
    await sdk('configure', { baseUrl: target.apiUrl, apiKey: merchant.apiKey });
    const params = { method: 'alipay.qr', outTradeNo: `BENCH${Date.now().toString(36)}`.toUpperCase(), subject: 'bench', amount: 1999, currency: 'CNY' };
    const { payNo } = await sdk('createPayment', { params });
    const load = loadavg()[0]!;
    const { rawMs, sdkMs, variant } = (await sdk('bench', { payNo, calls: CALLS, concurrency: CONCURRENCY, rounds: ROUNDS }, 900_000)) as {
      rawMs: number;
      sdkMs: number;
      variant: string;
    };
    return {
      variant,
      concurrency: CONCURRENCY,
      calls: CALLS,
      rawPerSecond: CALLS / (rawMs / 1000),
      sdkPerSecond: CALLS / (sdkMs / 1000),
      ratio: sdkMs / rawMs,
      target: TARGET,
      load,
      at: new Date().toISOString(),
    };
  } finally {
    await adapter.close();
  }
}

const started = Date.now();
const chosen = languages(process.argv.slice(2));
const { target, stop } = await openTarget('bench', 'cdk.out/test-sdk');
const fmt = (n: number) => Math.round(n).toLocaleString('en').padStart(7);
let over = 0;
try {
  mkdirSync(RESULTS_DIR, { recursive: true });
  console.log(`bench: getPayment, ${CALLS} calls per side, ${CONCURRENCY} in flight, ${ROUNDS} rounds`);
  console.log(`${'language'.padEnd(12)} ${'variant'.padEnd(28)}   raw/s    SDK/s   ratio  target  load`);
  for (const manifest of chosen) {
    const b = await benchLanguage(target, manifest);
    if (b.ratio > TARGET) over++;
    console.log(
      `${manifest.language.padEnd(12)} ${b.variant.padEnd(28)} ${fmt(b.rawPerSecond)}  ${fmt(b.sdkPerSecond)}  ${b.ratio.toFixed(2).padStart(5)}×  ≤ ${TARGET}   ${b.load.toFixed(2)}${b.ratio > TARGET ? '  OVER' : ''}`,
    );
    writeResults(RESULTS_DIR, { language: manifest.language, bench: b });
  }
  if (!writeParity(join(SDK_DIR, 'README.md'), parityTable(SCENARIOS, readResults(RESULTS_DIR)))) throw new Error('sdk/README.md has no parity markers');
  console.log('bench: wrote sdk/conformance/results/ and the table in sdk/README.md');
} finally {
  await stop();
}
console.log(`bench: ${over ? `${over} SDK(s) over ${TARGET}×` : `every SDK within ${TARGET}×`} (${seconds(Date.now() - started)})`);
process.exit(over ? 1 : 0);
