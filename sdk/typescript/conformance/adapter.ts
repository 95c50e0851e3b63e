/**
 * The TypeScript SDK's conformance adapter (sdk/CONTRIBUTING.md): reads one request per line on
 * stdin, makes the SDK call it names, writes the result or the SDK's error as one line on stdout.
 * Only the SDK's public API is used.
 */
import { createInterface } from 'node:readline';
import { Payee, PayeeError, verifyNotification, verifySignature, VERSION, WaitTimeoutError, type PayeeOptions } from '../src/index.ts';

type Args = Record<string, any>;
const clients = new Map<string, Payee>();
// What each client was configured with: the benchmark's raw GETs use the same URL and key.
const settings = new Map<string, { baseUrl: string; apiKey: string }>();
const client = (args: Args) => {
  const c = clients.get(args.client ?? 'default');
  if (!c) throw new Error(`no client ${args.client ?? 'default'}: configure it first`);
  return c;
};
const request = (args: Args) => (args.idempotencyKey ? { idempotencyKey: args.idempotencyKey } : undefined);
const wait = (args: Args) => ({ maxWaitMs: args.maxWaitMs, minDelayMs: args.minDelayMs, maxDelayMs: args.maxDelayMs });

/** Every item of an auto-paginating iterator. */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const ops: Record<string, (args: Args) => Promise<unknown>> = {
  configure: async (args) => {
    const { client: name = 'default', baseUrl, apiKey, maxRetries, timeoutMs } = args;
    clients.set(name, new Payee({ baseUrl, apiKey, maxRetries, timeoutMs } as PayeeOptions));
    settings.set(name, { baseUrl, apiKey });
    return null;
  },
  bench: async (a) => {
    const { baseUrl, apiKey } = settings.get(a.client ?? 'default')!;
    const url = `${baseUrl.replace(/\/+$/, '')}/v1/payments/${encodeURIComponent(a.payNo)}`;
    const payee = client(a);
    // The same fetch the SDK calls, its body parsed as plain JSON.
    const raw = async () => {
      const res = await fetch(url, { headers: { 'x-api-key': apiKey } });
      if (res.status !== 200) throw new Error(`raw GET answered ${res.status}`);
      await res.json();
    };
    const sdk = () => payee.payments.get(a.payNo);
    return { ...(await bench(a.calls, a.concurrency, a.rounds, raw, sdk)), variant: 'async (Promise pool)' };
  },
  createPayment: (a) => client(a).payments.create(a.params, request(a)),
  getPayment: (a) => client(a).payments.get(a.payNo),
  listPayments: (a) => client(a).payments.list(a.params),
  listAllPayments: (a) => collect(client(a).payments.listAll(a.params)),
  getPaymentByOutTradeNo: (a) => client(a).payments.getByOutTradeNo(a.outTradeNo),
  listPaymentEvents: (a) => client(a).payments.events(a.payNo),
  closePayment: (a) => client(a).payments.close(a.payNo),
  syncPayment: (a) => client(a).payments.sync(a.payNo),
  createRefund: (a) => client(a).refunds.create(a.payNo, a.params, request(a)),
  listRefunds: (a) => client(a).refunds.list(a.payNo),
  listNotifications: (a) => client(a).notifications.list(a.payNo),
  resendNotification: (a) => client(a).notifications.resend(a.payNo),
  getReconciliation: (a) => client(a).reports.reconciliation(a.params),
  getDailyReport: (a) => client(a).reports.daily(a.params),
  getOpenApi: (a) => client(a).openapi(),
  createGroup: (a) => client(a).groups.create(a.params, request(a)),
  getGroup: (a) => client(a).groups.get(a.groupNo),
  listGroups: (a) => client(a).groups.list(a.params),
  listAllGroups: (a) => collect(client(a).groups.listAll(a.params)),
  closeGroup: (a) => client(a).groups.close(a.groupNo),
  syncGroup: (a) => client(a).groups.sync(a.groupNo),
  createAccount: (a) => client(a).accounts.create(a.params, request(a)),
  getAccount: (a) => client(a).accounts.get(a.accountId),
  listAccounts: (a) => client(a).accounts.list(a.params),
  listAllAccounts: (a) => collect(client(a).accounts.listAll(a.params)),
  listAccountFlows: (a) => client(a).accounts.flows(a.accountId, a.params),
  listAllAccountFlows: (a) => collect(client(a).accounts.allFlows(a.accountId, a.params)),
  getAccountBalance: (a) => client(a).accounts.balance(a.accountId, { at: a.at }),
  createAndWait: (a) => client(a).payments.createAndWait(a.params, { ...wait(a), statuses: a.statuses }, request(a)),
  waitFor: (a) => client(a).payments.waitFor(a.payNo, a.statuses, wait(a)),
  refundAndWait: (a) => client(a).payments.refundAndWait(a.payNo, a.params, wait(a), request(a)),
  verifyNotification: (a) => verifyNotification(a.rawBody, a.header, a.secret, { toleranceSeconds: a.toleranceSeconds, now: a.now }),
  verifySignature: async (a) => (await verifySignature(a.rawBody, a.header, a.secret, { toleranceSeconds: a.toleranceSeconds, now: a.now }), null),
};

/** `calls` runs of `task`, `concurrency` in flight; the milliseconds they took. */
async function timed(calls: number, concurrency: number, task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < calls) await task();
  }));
  return performance.now() - started;
}

/** After an untimed warm-up of each, `rounds` rounds of both, alternating which goes first. */
async function bench(calls: number, concurrency: number, rounds: number, raw: () => Promise<unknown>, sdk: () => Promise<unknown>) {
  await timed(concurrency * 4, concurrency, raw);
  await timed(concurrency * 4, concurrency, sdk);
  let rawMs = 0;
  let sdkMs = 0;
  for (let round = 0; round < rounds; round++) {
    const share = Math.floor(calls / rounds) + (round < calls % rounds ? 1 : 0);
    if (round % 2 === 0) rawMs += await timed(share, concurrency, raw);
    sdkMs += await timed(share, concurrency, sdk);
    if (round % 2 === 1) rawMs += await timed(share, concurrency, raw);
  }
  return { rawMs, sdkMs };
}

function errorOf(e: unknown) {
  if (!(e instanceof PayeeError)) return { kind: 'adapter', class: (e as Error)?.name ?? 'unknown', message: String((e as Error)?.stack ?? e) };
  const { type, status, code, param, payNo, requestId, retryAfterMs } = e;
  return { kind: type ?? 'api', class: e.name, message: e.message, status, code, param, payNo, requestId, retryAfterMs, last: e instanceof WaitTimeoutError ? e.last : undefined };
}

const out = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
// Node's own Promise API is the only call style: one variant, "async".
out({ ready: { sdk: 'typescript', version: VERSION, variants: ['async'] } });
async function answer(line: string) {
  const { id, op, args } = JSON.parse(line) as { id: number; op: string; args: Args };
  try {
    const run = ops[op];
    if (!run) throw new Error(`unknown op ${op}`);
    out({ id, ok: true, result: (await run(args)) ?? null });
  } catch (e) {
    out({ id, ok: false, error: errorOf(e) });
  }
}

// Line events, not `for await`: readline's iterator lets stdin pause while a call is awaited, and
// a process with nothing else pending would then exit mid-session. Requests are answered in order.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim()) queue = queue.then(() => answer(line));
});
