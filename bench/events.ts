/**
 * The status worker's throughput (signed paid notifies applied per second) with the events topic
 * and the daily counters, and without both: the same callbacks on a second local stack whose
 * events relay is not fed (its stream mapping left off). The relay publishes the events and folds
 * the counters from the table's stream; no payment transaction writes for either. Their ratio is
 * the cost of events and reports on the payment path (issue 14: aim ≥ 0.8). Runnable alone:
 * `BENCH_EVENTS=200 npm run bench:events`.
 *
 * The "with" stack runs the local tenant's three plugins too, on the same two cores. On AWS a
 * plugin is its own Lambda function (its own compute, its concurrency capped by its queue), so it
 * does not slow the status worker there; here it does. Both rows are printed: with plugins (all
 * this machine does per callback) and without (the payment path's own cost: counters, the relay
 * and SNS). A run's CPU is counted until the plugins' queues are empty, so work that a plugin's
 * batching window put off is in it.
 */
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { pathToFileURL } from 'node:url';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../infra/local/local-stack.ts';
import { clientConfig } from '../infra/local/target.ts';
import { appliedCallbacks, waitFor } from './callbacks.ts';

interface Run {
  label: string;
  rate: number;
  /** CPU ms per callback, by process. */
  cpu: Record<string, number>;
}

export interface EventsBench {
  count: number;
  concurrency: number;
  /** The first is everything on, the last everything off. */
  runs: Run[];
}

/** The plugins' queues empty twice a second apart: the events of the callbacks have been handled. */
async function pluginsSettled(local: LocalStack) {
  const sqs = new SQSClient(clientConfig(local.target, 'sqs'));
  const queues = Object.values(local.target.plugins?.queues ?? {}).map((q) => q.queue).filter(Boolean);
  const depth = async (QueueUrl: string) => {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  };
  const empty = async () => (await Promise.all(queues.map(depth))).every((d) => d === 0);
  try {
    await waitFor(async () => (await empty()) && (await new Promise((r) => setTimeout(r, 1000)), await empty()), 120_000);
  } finally {
    sqs.destroy();
  }
}

async function measure(label: string, count: number, concurrency: number, options: LocalStackOptions): Promise<Run> {
  const local = await startLocalStack({ host: '127.0.0.1', outdir: options.withoutPlugins ? 'cdk.out/bench-events-without-plugins' : 'cdk.out/bench-events', ...options });
  try {
    const settled = () => pluginsSettled(local);
    // A first round warms the functions and DynamoDB Local's JIT; the second is measured.
    await appliedCallbacks(local, Math.min(count, 100), concurrency, settled);
    const { appliedRate: rate, appliedCpu } = await appliedCallbacks(local, count, concurrency, settled);
    return { label, rate, cpu: Object.fromEntries(Object.entries(appliedCpu).map(([who, ms]) => [who, ms / count])) };
  } finally {
    await local.stop();
  }
}

export async function benchEvents(count: number, concurrency: number): Promise<EventsBench> {
  const runs = [
    await measure('events relay → SNS → plugins, and counters', count, concurrency, {}),
    await measure('events relay → SNS, and counters (no plugins)', count, concurrency, { withoutPlugins: true }),
    await measure('without either', count, concurrency, { disabledStreamConsumers: ['EventsRelay'] }),
  ];
  return { count, concurrency, runs };
}

const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
const total = (cpu: Record<string, number>) => Object.values(cpu).reduce((a, b) => a + b, 0);

export function printEvents(b: EventsBench): void {
  const base = b.runs.at(-1)!;
  console.log(`\nStatus worker with and without the events topic and the daily counters (${b.count} paid notifies, ${b.concurrency} concurrent senders)`);
  // On a shared machine the rates move with the neighbours' load; the CPU each callback cost does
  // not, so the CPU ratio (without / with, all processes) is the same target, robust to other load.
  const who = [...new Set(b.runs.flatMap((r) => Object.keys(r.cpu)))];
  console.log(`  ${'run'.padEnd(48)} ${'rate /s'.padStart(8)} ${'ratio'.padStart(6)} ${'CPU ratio'.padStart(9)}  CPU ms per callback: ${who.join(', ')}`);
  for (const r of b.runs) {
    const ratios = r === base ? ['', ''] : [fmt(r.rate / base.rate, 3), fmt(total(base.cpu) / total(r.cpu), 3)];
    console.log(`  ${r.label.padEnd(48)} ${fmt(r.rate, 1).padStart(8)} ${ratios[0]!.padStart(6)} ${ratios[1]!.padStart(9)}  ${who.map((w) => fmt(r.cpu[w] ?? 0, 2)).join(', ')}`);
  }
  console.log('  (target: ratio ≥ 0.8)');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printEvents(await benchEvents(Number(process.env.BENCH_EVENTS ?? 200), 16));
}
