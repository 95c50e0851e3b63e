/**
 * The status worker's throughput (signed paid notifies applied per second) with the events topic
 * and the daily counters, and without both: the same callbacks on a second local stack whose
 * events relay is not fed (its stream mapping left off) and whose transactions write no counter
 * (DAILY_COUNTERS=off). Their ratio is the cost of events and reports on the payment path (issue
 * 14: aim ≥ 0.8). Runnable alone: `BENCH_EVENTS=200 npm run bench:events`.
 */
import { pathToFileURL } from 'node:url';
import { startLocalStack, type LocalStackOptions } from '../infra/local/local-stack.ts';
import { appliedCallbacks } from './callbacks.ts';

export interface EventsBench {
  count: number;
  concurrency: number;
  withRate: number;
  withoutRate: number;
  /** CPU ms per callback, by process, of each run. */
  withCpu: Record<string, number>;
  withoutCpu: Record<string, number>;
}

async function appliedRate(count: number, concurrency: number, options: LocalStackOptions) {
  const local = await startLocalStack({ host: '127.0.0.1', outdir: 'cdk.out/bench-events', ...options });
  try {
    // A first round warms the functions and DynamoDB Local's JIT; the second is measured.
    await appliedCallbacks(local, Math.min(count, 100), concurrency);
    const { appliedRate: rate, appliedCpu } = await appliedCallbacks(local, count, concurrency);
    return { rate, cpu: Object.fromEntries(Object.entries(appliedCpu).map(([who, ms]) => [who, ms / count])) };
  } finally {
    await local.stop();
  }
}

export async function benchEvents(count: number, concurrency: number): Promise<EventsBench> {
  const withAll = await appliedRate(count, concurrency, {});
  const without = await appliedRate(count, concurrency, { functionEnv: { DAILY_COUNTERS: 'off' }, disabledStreamConsumers: ['EventsRelay'] });
  return { count, concurrency, withRate: withAll.rate, withoutRate: without.rate, withCpu: withAll.cpu, withoutCpu: without.cpu };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

export function printEvents(b: EventsBench): void {
  console.log(`\nStatus worker with and without the events topic and the daily counters (${b.count} paid notifies, ${b.concurrency} concurrent senders)`);
  console.log(`  with events relay → SNS → plugins, and counters   ${fmt(b.withRate, 1)} /s`);
  console.log(`  without either                                    ${fmt(b.withoutRate, 1)} /s`);
  console.log(`  ratio                                             ${fmt(b.withRate / b.withoutRate, 3)}   (target ≥ 0.8)`);
  const total = (cpu: Record<string, number>) => Object.values(cpu).reduce((a, b) => a + b, 0);
  // On a shared machine the rates move with the neighbours' load; the CPU each callback cost does not.
  console.log(`  CPU ratio (without / with, all processes)         ${fmt(total(b.withoutCpu) / total(b.withCpu), 3)}   (the same target, robust to other load)`);
  console.log('  CPU per callback (ms)                             with   without');
  for (const who of new Set([...Object.keys(b.withCpu), ...Object.keys(b.withoutCpu)])) {
    console.log(`    ${who.padEnd(48)} ${fmt(b.withCpu[who] ?? 0, 2).padStart(6)}  ${fmt(b.withoutCpu[who] ?? 0, 2).padStart(6)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printEvents(await benchEvents(Number(process.env.BENCH_EVENTS ?? 200), 16));
}
