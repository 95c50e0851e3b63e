/**
 * `npm run bench`: payments created per second through the local HTTP API (16 concurrent
 * clients) beside raw conditional PutItems per second on the same DynamoDB Local at the same
 * concurrency and beside the CreatePayment bundle called directly (bench/direct-creates.ts), and
 * whose CPU each took, by process and by thread; the DynamoDB round trips and provider calls one
 * create makes and where its time goes; each function's bundle size and cold module-load time
 * beside a reference bundle's (the DynamoDB document client making one GetItem,
 * bench/cold-start.ts); the status worker with and without the events topic and the daily
 * counters (bench/events.ts).
 * Figures that matter are ratios measured in this one run: the machines are shared and noisy.
 * BENCH_ONLY=units,creates,callbacks,statements,ledger,events,cold runs only the phases named (default:
 * all); sizes come from BENCH_CREATES, BENCH_CALLBACKS, BENCH_LIFECYCLES, BENCH_TRANSFERS, BENCH_EVENTS;
 * BENCH_PLUGINS=off measures throughput on a stack without the local tenant's plugins.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { createMerchant } from '../infra/local/merchants.ts';
import { startLocalStack } from '../infra/local/local-stack.ts';
import { clientConfig } from '../infra/local/target.ts';
import { benchCallbacks } from './callbacks.ts';
import { directCreates } from './direct-creates.ts';
import { freePort } from './free-port.ts';
import { pool } from './pool.ts';
// The load client speaks plain node:http with keep-alive, as the raw DynamoDB client (the SDK)
// does, so that both sides of each ratio pay the same client cost.
import { providerHttp as http } from '../lib/http/provider-http.ts';
import { measureColdStarts, printColdStarts } from './cold-start.ts';
import { cpuByProcess, cpuByThread, cpuSince, threadCpuSince } from './cpu.ts';
import { startCountingProxy, type Call } from './counting-proxy.ts';
import { measureCounterShare, measureLifecycles, type LifecycleUnits } from './lifecycle-units.ts';
import { benchStatements } from './statements.ts';
import { benchLedger, printLedger } from './ledger.ts';
import { benchEvents, printEvents } from './events.ts';

const CONCURRENCY = 16;
const CREATES = Number(process.env.BENCH_CREATES ?? 2000);
const PROBES = 20;
const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 1000);
const LIFECYCLES = Number(process.env.BENCH_LIFECYCLES ?? 5);
/** Lifecycles run at once to measure the daily counters' share of a payment under load. */
const COUNTER_BURST = Number(process.env.BENCH_COUNTER_BURST ?? 200);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 400);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const PHASES = ['units', 'creates', 'callbacks', 'statements', 'ledger', 'events', 'cold'] as const;
const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim()).filter(Boolean);
const unknownPhase = only?.find((p) => !(PHASES as readonly string[]).includes(p));
if (unknownPhase) throw new Error(`BENCH_ONLY: no phase ${unknownPhase} (phases: ${PHASES.join(', ')})`);
const runs = (phase: (typeof PHASES)[number]) => !only?.length || only.includes(phase);
/** BENCH_PLUGINS=off: the throughput stack without the plugins the local tenant enables (they run beside the payment path, each on its own queue). */
const WITHOUT_PLUGINS = process.env.BENCH_PLUGINS === 'off';

/** Operations per second of `total` tasks run `concurrency` at a time. */
async function rate(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await pool(total, concurrency, task);
  return total / ((performance.now() - started) / 1000);
}

/** The node CPU of each operation through the API, by thread: which function (or the emulator's main thread) spent it. */
function printThreads(threads: [string, number][]) {
  console.log(`    of the node CPU, by thread (ms per operation): ${threads.map(([who, ms]) => `${who} ${fmt(ms, 2)}`).join(', ')}`);
}

const sum = (calls: Call[]) => calls.reduce((s, c) => s + c.ms, 0);
const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Creates answered 502/503 and sent again with their key (on a loaded machine a function may time out). */
let retriedCreates = 0;

/** Creates with an Idempotency-Key, as a careful merchant sends them (and, like the SDKs, again with it after a 502/503). */
function creator(apiUrl: string, apiKey: string) {
  let n = 0;
  return async () => {
    const i = n++;
    for (let attempt = 1; ; attempt++) {
      const res = await http(`${apiUrl}/v1/payments`, {
        method: 'POST',
        headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'Idempotency-Key': `bench-${i}` },
        body: JSON.stringify({ method: 'alipay.qr', outTradeNo: `B${i}`, subject: 'bench', amount: 1999, currency: 'CNY' }),
        timeoutMs: 30_000,
      });
      if (res.status === 201) return;
      if ((res.status !== 502 && res.status !== 503) || attempt === 3) throw new Error(`create answered ${res.status}: ${res.body}`);
      retriedCreates++;
    }
  };
}

/**
 * Phase 1, on a stack whose functions reach DynamoDB through a counting proxy and whose pay
 * config reaches the sandbox through another: round trips and where one create's time goes.
 * The proxies cost CPU, so throughput is measured on a second stack without them.
 */
async function probeOneCreate() {
  const dynamoPort = await freePort();
  const dynamoProxy = await startCountingProxy(`http://127.0.0.1:${dynamoPort}`);
  const local = await startLocalStack({
    host: '127.0.0.1',
    outdir: 'cdk.out/bench',
    ports: { dynamodb: dynamoPort },
    functionEnv: { AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy.url },
  });
  const providerProxy = await startCountingProxy(local.target.sandbox!.alipay.url);
  try {
    const { target } = local;
    const sandbox = { alipay: { ...target.sandbox!.alipay, gatewayUrl: `${providerProxy.url}/gateway.do` } };
    const merchant = await createMerchant({ ...target, sandbox }, { name: 'bench-probe' });
    const create = creator(target.apiUrl, merchant.apiKey);
    await rate(CONCURRENCY * 2, CONCURRENCY, create);
    dynamoProxy.reset();
    providerProxy.reset();
    const started = performance.now();
    for (let i = 0; i < PROBES; i++) await create();
    const latencyMs = (performance.now() - started) / PROBES;
    const ops = new Map<string, number>();
    for (const c of dynamoProxy.calls) ops.set(c.operation, (ops.get(c.operation) ?? 0) + 1);
    return {
      latencyMs,
      dynamoCalls: dynamoProxy.calls.length / PROBES,
      dynamoOps: [...ops].map(([op, c]) => `${op} ${fmt(c / PROBES, 2)}`).join(', '),
      dynamoMs: sum(dynamoProxy.calls) / PROBES,
      providerCalls: providerProxy.calls.length / PROBES,
      providerMs: sum(providerProxy.calls) / PROBES,
      withKey: await measureLifecycles(target, merchant, dynamoProxy, { count: LIFECYCLES, idempotencyKeyAndNotifyUrl: true }),
      withoutKey: await measureLifecycles(target, merchant, dynamoProxy, { count: LIFECYCLES, idempotencyKeyAndNotifyUrl: false }),
      counterShare: await measureCounterShare(target, merchant, dynamoProxy, COUNTER_BURST, CONCURRENCY),
    };
  } finally {
    await providerProxy.close();
    await local.stop();
    await dynamoProxy.close();
  }
}

/**
 * Phase 2: creates per second through the API beside raw conditional PutItems, same DynamoDB
 * Local; then, on the same stack, the phases after it that BENCH_ONLY selects.
 */
async function throughput() {
  const local = await startLocalStack({ host: '127.0.0.1', outdir: WITHOUT_PLUGINS ? 'cdk.out/bench-without-plugins' : 'cdk.out/bench', withoutPlugins: WITHOUT_PLUGINS });
  try {
    const { target, emulator } = local;
    const merchant = await createMerchant(target, { name: 'bench' });
    const creates = runs('creates') ? await createRates(local, merchant) : undefined;
    const assets = Object.entries(emulator.functionAssets)
      .filter(([, a]) => a.dir)
      .map(([name, a]) => ({ name, file: join(a.dir!, 'index.mjs'), environment: a.environment }));
    const callbacks = runs('callbacks') ? await benchCallbacks(local, CALLBACKS, CONCURRENCY) : undefined;
    const statements = runs('statements') ? await benchStatements(target, merchant.companyId) : undefined;
    const ledger = runs('ledger') ? await benchLedger(local, TRANSFERS, CONCURRENCY) : undefined;
    return { creates, assets, callbacks, statements, ledger };
  } finally {
    await local.stop();
  }
}

async function createRates(local: Awaited<ReturnType<typeof startLocalStack>>, merchant: { apiKey: string; companyId: string }) {
  const { target, emulator } = local;
  const create = creator(target.apiUrl, merchant.apiKey);
  const raw = new DynamoDBClient({ ...clientConfig(target, 'dynamodb'), endpoint: emulator.dynamodbEndpoint });
  let puts = 0;
  const put = async () => {
    await raw.send(
      new PutItemCommand({
        TableName: target.tableName,
        Item: { PK: { S: `BENCH#${puts++}` }, SK: { S: 'RAW' }, amount: { N: '1999' } },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  };
  // A first round warms both sides (the JVM's JIT under DynamoDB Local, the Lambda workers);
  // the second is measured. Without it the first phase measured pays the warm-up for both.
  await rate(CREATES, CONCURRENCY, create);
  await rate(CREATES, CONCURRENCY, put);
  let cpu = cpuByProcess();
  const threads = cpuByThread(emulator);
  const apiRate = await rate(CREATES, CONCURRENCY, create);
  const apiCpu = cpuSince(cpu);
  const apiThreads = threadCpuSince(emulator, threads, CREATES);
  cpu = cpuByProcess();
  const putRate = await rate(CREATES, CONCURRENCY, put);
  const putCpu = cpuSince(cpu);
  const direct = await directCreates(local, merchant.companyId, CREATES, CONCURRENCY);
  return { apiRate, putRate, apiCpu, apiThreads, putCpu, direct };
}

const probe = runs('units') ? await probeOneCreate() : undefined;
const needsStack = (['creates', 'callbacks', 'statements', 'ledger', 'cold'] as const).some(runs);
const { creates, assets, callbacks, statements, ledger } = needsStack ? await throughput() : { assets: [] };
const events = runs('events') ? await benchEvents(EVENTS, CONCURRENCY) : undefined;
const cold = runs('cold') ? measureColdStarts(assets) : undefined;

const units = (label: string, u: LifecycleUnits, target: number) => {
  console.log(`  ${label.padEnd(34)} ${fmt(u.writeUnits, 1).padStart(5)} write units   (target ≤ ${target})   ${fmt(u.readUnits, 1)} read units   + daily counters ${fmt(u.counterUnits, 1)}`);
  console.log(`    ${Object.entries(u.byOperation).map(([op, n]) => `${op} ${fmt(n, 1)}`).join(', ')}`);
  console.log(`    in order: ${u.writes.join(' → ')}`);
};
if (probe) {
  console.log(`\nOne payment's lifecycle: create → paid notify → SUCCEEDED → merchant notified (DynamoDB Local's ConsumedCapacity, mean of ${LIFECYCLES})`);
  units('with Idempotency-Key and notifyUrl', probe.withKey, 12);
  units('without', probe.withoutKey, 8);
  console.log('  daily counters: the events relay writes each counter item once per 5 s window, for every payment the window saw;');
  console.log(`    above, lifecycles one after another (a window each); ${COUNTER_BURST} lifecycles ${CONCURRENCY} at a time: ${fmt(probe.counterShare, 2)} write units per payment`);
}

if (creates) {
  const { apiRate, putRate, apiCpu, apiThreads, putCpu, direct } = creates;
  console.log(`\nCreate throughput (${CREATES} creates, ${CONCURRENCY} concurrent clients, Idempotency-Key on each${WITHOUT_PLUGINS ? '; stack without plugins' : ''})`);
  console.log(`  POST /v1/payments           ${fmt(apiRate, 1)} /s`);
  console.log(`  conditional PutItem (raw)   ${fmt(putRate, 1)} /s`);
  console.log(`  ratio                       ${fmt(apiRate / putRate, 3)}   (target ≥ 0.25)`);
  console.log(`  the CreatePayment bundle called directly, in a process of its own: ${fmt(direct.rate, 1)} /s, ratio ${fmt(direct.rate / putRate, 3)}`);
  console.log('    (payee\'s whole create without the API Gateway and Lambda emulation: the most the ratio could reach on this stack)');
  if (retriedCreates) console.log(`  creates sent again after a 502/503 (whole bench)  ${retriedCreates}`);
  console.log('  CPU per operation (ms)                           create   direct   raw put');
  const perOp = (cpu: Record<string, number>, who: string) => fmt((cpu[who] ?? 0) / CREATES, 2);
  for (const who of Object.keys(apiCpu)) {
    console.log(`    ${who.padEnd(48)} ${perOp(apiCpu, who).padStart(6)}  ${perOp(direct.cpu, who).padStart(7)}  ${perOp(putCpu, who).padStart(8)}`);
  }
  console.log(`      of the direct creates' node: the bundle's own process ${fmt(direct.bundleCpuMs / CREATES, 2)} (the rest: the provider sandbox, the stream pollers, the events relay)`);
  printThreads(apiThreads);
}

if (callbacks) {
  console.log(`\nCallbacks (${CALLBACKS} signed Alipay notifies, ${CONCURRENCY} concurrent senders${WITHOUT_PLUGINS ? '; stack without plugins' : ''})`);
  console.log(`  applied (notify → SUCCEEDED)            ${fmt(callbacks.appliedRate, 1)} /s`);
  console.log(`  raw SQS send+receive+delete, UpdateItem ${fmt(callbacks.rawRate, 1)} /s`);
  console.log(`  ratio                                   ${fmt(callbacks.appliedRate / callbacks.rawRate, 3)}   (target ≥ 0.5)`);
  console.log('  CPU per operation (ms)                  callback  raw');
  for (const who of Object.keys(callbacks.appliedCpu)) {
    console.log(`    ${who.padEnd(48)} ${fmt(callbacks.appliedCpu[who]! / CALLBACKS, 2).padStart(6)}  ${fmt((callbacks.rawCpu[who] ?? 0) / CALLBACKS, 2).padStart(6)}`);
  }
  printThreads(callbacks.appliedThreads);
}

if (statements) {
  console.log(`\nStatement reconciliation of one config's day with 1,000 paid payments`);
  console.log(`  1,000 payments in the table    ${fmt(statements.smallMs)} ms`);
  console.log(`  50,000 payments in the table   ${fmt(statements.largeMs)} ms`);
  console.log(`  ratio                          ${fmt(statements.largeMs / statements.smallMs, 2)}   (target ≤ 1.3)`);
}

if (ledger) printLedger(ledger, TRANSFERS, CONCURRENCY);
if (events) printEvents(events);

if (probe) {
  const rest = probe.latencyMs - probe.dynamoMs - probe.providerMs;
  const pct = (ms: number) => `${fmt((100 * ms) / probe.latencyMs)} %`;
  console.log(`\nOne create, sequential (mean of ${PROBES})`);
  console.log(`  DynamoDB round trips        ${fmt(probe.dynamoCalls, 2)}   (${probe.dynamoOps}; target ≤ 3)`);
  console.log(`  provider calls              ${fmt(probe.providerCalls, 2)}`);
  console.log(`  client-observed latency     ${fmt(probe.latencyMs, 1)} ms`);
  console.log(`    in DynamoDB Local         ${fmt(probe.dynamoMs, 1)} ms (${pct(probe.dynamoMs)})`);
  console.log(`    at the provider (sandbox) ${fmt(probe.providerMs, 1)} ms (${pct(probe.providerMs)})`);
  console.log(`    the rest: gateway, Lambda runner, handler code ${fmt(rest, 1)} ms (${pct(rest)})`);
}

if (cold) printColdStarts(cold);
