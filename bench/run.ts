/**
 * `npm run bench`: payments created per second through the local HTTP API (16 concurrent
 * clients) beside raw conditional PutItems per second on the same DynamoDB Local at the same
 * concurrency; the DynamoDB round trips and provider calls one create makes and where its time
 * goes; each function's bundle size and cold module-load time beside an empty handler's.
 * Figures that matter are ratios measured in this one run: the machines are shared and noisy.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { createMerchant } from '../infra/local/merchants.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { clientConfig } from '../infra/local/target.ts';
import { freePort } from './free-port.ts';
import { measureColdStarts } from './cold-start.ts';
import { startCountingProxy, type Call } from './counting-proxy.ts';

const CONCURRENCY = 16;
const CREATES = Number(process.env.BENCH_CREATES ?? 2000);
const PROBES = 20;

async function pool(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

const sum = (calls: Call[]) => calls.reduce((s, c) => s + c.ms, 0);
const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

// DynamoDB Local sits behind a counting proxy that the functions are pointed at.
const dynamoPort = await freePort();
const dynamoProxy = await startCountingProxy(`http://127.0.0.1:${dynamoPort}`);
const local = await startLocalStack({
  host: '127.0.0.1',
  outdir: 'cdk.out/bench',
  ports: { dynamodb: dynamoPort },
  functionEnv: { AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy.url },
});
try {
  const { target, emulator } = local;
  const providerProxy = await startCountingProxy(target.sandbox!.alipay.url);
  const merchant = await createMerchant(
    { ...target, sandbox: { alipay: { ...target.sandbox!.alipay, gatewayUrl: `${providerProxy.url}/gateway.do` } } },
    { name: 'bench' },
  );
  let n = 0;
  const create = async () => {
    const res = await fetch(`${target.apiUrl}/v1/payments`, {
      method: 'POST',
      headers: { 'x-api-key': merchant.apiKey, 'content-type': 'application/json', 'Idempotency-Key': `bench-${n}` },
      body: JSON.stringify({ method: 'alipay.qr', outTradeNo: `B${n++}`, subject: 'bench', amount: 1999, currency: 'CNY' }),
    });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };

  // Warm every worker first: cold starts are measured separately below.
  await pool(CONCURRENCY * 4, CONCURRENCY, create);

  // One create at a time: what it costs and where the time goes.
  dynamoProxy.reset();
  providerProxy.reset();
  const t0 = performance.now();
  for (let i = 0; i < PROBES; i++) await create();
  const perCreateMs = (performance.now() - t0) / PROBES;
  const ops = new Map<string, number>();
  for (const c of dynamoProxy.calls) ops.set(c.operation, (ops.get(c.operation) ?? 0) + 1);
  const dynamoMs = sum(dynamoProxy.calls) / PROBES;
  const providerMs = sum(providerProxy.calls) / PROBES;

  // Throughput through the API, then raw conditional PutItem on the same DynamoDB Local.
  const apiRate = await pool(CREATES, CONCURRENCY, create);
  const raw = new DynamoDBClient({ ...clientConfig(target, 'dynamodb'), endpoint: emulator.dynamodbEndpoint });
  const putRate = await pool(CREATES, CONCURRENCY, async (i) => {
    await raw.send(
      new PutItemCommand({
        TableName: target.tableName,
        Item: { PK: { S: `BENCH#${i}` }, SK: { S: 'RAW' }, amount: { N: '1999' } },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  });

  console.log(`\nCreate throughput (${CREATES} creates, ${CONCURRENCY} concurrent clients)`);
  console.log(`  POST /v1/payments           ${fmt(apiRate, 1)} /s`);
  console.log(`  conditional PutItem (raw)   ${fmt(putRate, 1)} /s`);
  console.log(`  ratio                       ${fmt(apiRate / putRate, 3)}   (target ≥ 0.25)`);

  console.log(`\nOne create, sequential (mean of ${PROBES})`);
  console.log(`  DynamoDB round trips        ${fmt(dynamoProxy.calls.length / PROBES, 2)}   (${[...ops].map(([op, c]) => `${op} ${fmt(c / PROBES, 2)}`).join(', ')}; target ≤ 3)`);
  console.log(`  provider calls              ${fmt(providerProxy.calls.length / PROBES, 2)}`);
  console.log(`  client-observed latency     ${fmt(perCreateMs, 1)} ms`);
  console.log(`    in DynamoDB               ${fmt(dynamoMs, 1)} ms (${fmt((100 * dynamoMs) / perCreateMs)} %)`);
  console.log(`    at the provider (sandbox) ${fmt(providerMs, 1)} ms (${fmt((100 * providerMs) / perCreateMs)} %)`);
  console.log(`    gateway, Lambda runner, handler code ${fmt(perCreateMs - dynamoMs - providerMs, 1)} ms (${fmt((100 * (perCreateMs - dynamoMs - providerMs)) / perCreateMs)} %)`);

  const bundles = Object.entries(emulator.functionAssets).map(([name, dir]) => ({ name, file: join(dir!, 'index.mjs') }));
  const cold = measureColdStarts(bundles);
  console.log('\nBundles and cold module load (median of 7 fresh Node 22 processes)');
  console.log(`  ${'function'.padEnd(16)} ${'bytes'.padStart(9)}  ${'load ms'.padStart(8)}  vs empty`);
  console.log(`  ${'(empty handler)'.padEnd(16)} ${fmt(cold.empty.bytes).padStart(9)}  ${fmt(cold.empty.loadMs, 1).padStart(8)}`);
  for (const f of cold.functions) {
    const flag = f.bytes > 300 * 1024 ? '  OVER 300 KB' : '';
    console.log(`  ${f.name.padEnd(16)} ${fmt(f.bytes).padStart(9)}  ${fmt(f.loadMs, 1).padStart(8)}  ×${fmt(f.loadMs / cold.empty.loadMs, 1)}${flag}`);
  }
  await providerProxy.close();
} finally {
  await local.stop();
  await dynamoProxy.close();
}
