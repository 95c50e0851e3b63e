/**
 * The hot account (issue 13): balance.transfers per second into one platform account credited by
 * every transfer (spread over 16 balance shards) beside transfers between distinct pairs of
 * accounts, through the API on the same stack, in one run: the ratio says whether the hot account
 * caps throughput. Run alone with `BENCH_TRANSFERS=200 npx tsx bench/ledger.ts` (PAYEE_TEST_OUTDIR
 * for a private synthesis directory, as the tests and the cold-start bench take it).
 */
import { adminRequest } from '../cli/client.ts';
import { createMerchant } from '../infra/local/merchants.ts';
import { startLocalStack, type LocalStack } from '../infra/local/local-stack.ts';
import { providerHttp as http } from '../lib/http/provider-http.ts';
import { pool } from './pool.ts';

const PAIRS = 64;
const HOT_SHARDS = 16;

export async function benchLedger(local: LocalStack, transfers: number, concurrency: number): Promise<{ hotRate: number; distinctRate: number }> {
  const { target } = local;
  const merchant = await createMerchant(target, { name: 'bench-ledger' });
  await adminRequest({ apiUrl: target.apiUrl, region: target.region, credentials: target.admin! }, 'PUT', `/v1/admin/companies/${merchant.companyId}/ledger`, { enabled: true });
  const api = async (method: 'POST', path: string, body: unknown) => {
    const res = await http(`${target.apiUrl}${path}`, {
      method,
      headers: { 'x-api-key': merchant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: 30_000,
    });
    if (res.status !== 201) throw new Error(`${method} ${path} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body);
  };
  // Sources may overdraw (no limit): the bench measures moving money, not funding it.
  const open = (shards = 1) => api('POST', '/v1/accounts', { currency: 'CNY', type: 'liability', overdraftLimit: null, shards }).then((a) => a.accountId as string);
  const sources = await pool(PAIRS, 8, () => open());
  const sinks = await pool(PAIRS, 8, () => open());
  const hot = await open(HOT_SHARDS);
  let n = 0;
  const transfer = (to: (i: number) => string) => async (i: number) => {
    const amount = 1 + (i % 100);
    await api('POST', '/v1/payments', {
      method: 'balance.transfer', outTradeNo: `LB${n++}`, subject: 'bench transfer', amount, currency: 'CNY',
      details: [{ accountOut: sources[i % PAIRS]!, accountRec: to(i), amount }],
    });
  };
  const rate = async (task: (i: number) => Promise<void>) => {
    const started = performance.now();
    await pool(transfers, concurrency, task);
    return transfers / ((performance.now() - started) / 1000);
  };
  const distinct = transfer((i) => sinks[i % PAIRS]!);
  const intoHot = transfer(() => hot);
  // A first round of each warms the functions and DynamoDB Local's JIT; the second is measured.
  await rate(distinct);
  await rate(intoHot);
  const distinctRate = await rate(distinct);
  const hotRate = await rate(intoHot);
  return { hotRate, distinctRate };
}

export function printLedger({ hotRate, distinctRate }: { hotRate: number; distinctRate: number }, transfers: number, concurrency: number) {
  const fmt = (v: number, d: number) => v.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`\nLedger: balance.transfer (${transfers} each, ${concurrency} concurrent clients)`);
  console.log(`  between ${PAIRS} distinct pairs          ${fmt(distinctRate, 1)} /s`);
  console.log(`  into one hot account (${HOT_SHARDS} shards)   ${fmt(hotRate, 1)} /s`);
  console.log(`  ratio                               ${fmt(hotRate / distinctRate, 3)}   (target ≥ 0.5)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const transfers = Number(process.env.BENCH_TRANSFERS ?? 400);
  const local = await startLocalStack({ host: '127.0.0.1', outdir: process.env.PAYEE_TEST_OUTDIR ?? 'cdk.out/bench-ledger' });
  try {
    printLedger(await benchLedger(local, transfers, 16), transfers, 16);
  } finally {
    await local.stop();
  }
}
