/**
 * Daily statement reconciliation (ARCHITECTURE.md §5 flow 5): the provider's statement of one day
 * against payee's table, per pay config. Every disagreement becomes a difference of the day's
 * report: a paid trade payee does not know (missing_locally), a payment payee has as paid that the
 * statement lacks (missing_at_provider), another amount (amount_differs), or a statement that says
 * paid / fully refunded where payee does not (status_differs); and the daily ledger proof
 * (ledger-proof.ts): a paid payment whose detail lines posted another amount (ledger_differs).
 */
import type { Channel, StatementLine } from '../channels/channel.ts';
import { channelMethods, loadChannelFor } from '../channels/registry.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import { InvalidRequest } from '../domain/errors.ts';
import { ledgerProof, postsToLedger, type FlowsOfPayments } from './ledger-proof.ts';
import type { Payment, PayConfig } from '../domain/payment.ts';
import type { PaymentStatus } from '../domain/status-machine.ts';
import type { ConfigStore, PayConfigDirectory } from '../store/config-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import type { StatementDifference, StatementReport, StatementStore } from '../store/statement-store.ts';

export interface ReconcileDeps {
  configs: Pick<ConfigStore, 'getPayConfig'> & PayConfigDirectory;
  payments: Pick<PaymentStore, 'get' | 'paidOn'>;
  reports: StatementStore;
  /** The ledger's flows of payments, for the daily ledger proof. */
  ledgerFlows: FlowsOfPayments;
  http: ProviderHttp;
  providerTimeoutMs: number;
  now: () => Date;
}

export type ReconcileResult =
  | { payId: string; channel: string; outcome: 'completed'; differences: number }
  | { payId: string; channel: string; outcome: 'failed'; error: string };

const PAID: ReadonlySet<PaymentStatus> = new Set(['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED']);
/** Configs reconciled at once in an operator's re-run of every config (the daily run queues each instead). */
const CONCURRENT_CONFIGS = 4;

/** The channel named `name` (`alipay`...), loaded through the registry. */
async function loadChannel(name: string): Promise<Channel<unknown> | undefined> {
  const method = channelMethods.find((m) => m.startsWith(`${name}.`));
  return method ? loadChannelFor(method) : undefined;
}

/**
 * The payments of `payConfig` that payee has as paid on `day`, one at a time as the store's pages
 * come; `seen` counts them and keeps those that post to the ledger, for its proof.
 */
async function* paidLocally(
  payments: ReconcileDeps['payments'],
  payConfig: PayConfig,
  day: string,
  seen: { count: number; ledger: Payment[] },
): AsyncIterable<Payment> {
  for await (const page of payments.paidOn(payConfig.payId, day)) {
    seen.count += page.length;
    seen.ledger.push(...page.filter((p) => PAID.has(p.status) && postsToLedger(p)));
    yield* page;
  }
}

function providerSide(line: StatementLine): NonNullable<StatementDifference['provider']> {
  return { amount: line.amount, currency: line.currency, status: line.status, refundedAmount: line.refundedAmount, at: line.at };
}

function localSide(p: Payment): NonNullable<StatementDifference['local']> {
  return { amount: p.amount, currency: p.currency, status: p.status, refundedAmount: p.refundedAmount ?? 0, paidAt: p.paidAt };
}

/** What is wrong with one payment the statement and the table both have, if anything. */
function compare(line: StatementLine, local: Payment): StatementDifference['kind'] | undefined {
  if ((line.amount !== undefined && line.amount !== local.amount) || line.currency !== local.currency) return 'amount_differs';
  if (!PAID.has(local.status)) return 'status_differs';
  if (line.status === 'REFUNDED' && local.status !== 'REFUNDED') return 'status_differs';
  return undefined;
}

/**
 * The differences between one day's statement lines and the table; pure but for the payment
 * look-ups. The day's paid payments stream past the statement's lines (held: they are the day's
 * file) and are not kept; only differences are.
 */
export async function differences(
  payments: ReconcileDeps['payments'],
  payConfig: PayConfig,
  lines: StatementLine[],
  paid: Iterable<Payment> | AsyncIterable<Payment>,
): Promise<StatementDifference[]> {
  const unmatched = new Map<string, StatementLine[]>();
  for (const line of lines) unmatched.set(line.payNo, [...(unmatched.get(line.payNo) ?? []), line]);
  const found: StatementDifference[] = [];
  const check = (line: StatementLine, local: Payment) => {
    const kind = compare(line, local);
    if (kind) found.push({ kind, payNo: line.payNo, providerTradeNo: line.providerTradeNo, provider: providerSide(line), local: localSide(local) });
  };
  for await (const p of paid) {
    const matched = unmatched.get(p.payNo);
    unmatched.delete(p.payNo);
    if (!matched) found.push({ kind: 'missing_at_provider', payNo: p.payNo, providerTradeNo: p.providerTradeNo, local: localSide(p) });
    for (const line of matched ?? []) check(line, p);
  }
  for (const [payNo, rest] of unmatched) {
    // Paid on another day here (a callback lost, a time at midnight): the statement names it, look it up.
    const other = await payments.get(payNo);
    const local = other?.payId === payConfig.payId ? other : undefined;
    for (const line of rest) {
      if (local) check(line, local);
      else found.push({ kind: 'missing_locally', payNo: line.payNo, providerTradeNo: line.providerTradeNo, provider: providerSide(line) });
    }
  }
  return found;
}

/** Reconciles one pay config's statement of `day` and replaces that day's report. */
export async function reconcileConfig(deps: ReconcileDeps, channel: Channel<unknown>, payConfig: PayConfig, day: string): Promise<StatementReport & { items: StatementDifference[] }> {
  if (!channel.statement) throw new InvalidRequest('statement_not_supported', `${channel.name} statements are not read`, 'payId');
  const parsed = channel.configSchema.safeParse(payConfig.config);
  if (!parsed.success) throw new Error(`pay config ${payConfig.payId} is incomplete for ${channel.name}`);
  const call = { config: parsed.data, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
  const lines = await channel.statement(call, day);
  const paid = { count: 0, ledger: [] as Payment[] };
  const found = await differences(deps.payments, payConfig, lines, paidLocally(deps.payments, payConfig, day, paid));
  const proof = paid.ledger.length ? await ledgerProof(deps.ledgerFlows, paid.ledger, lines, localSide) : undefined;
  const items = [...found, ...(proof?.differences ?? [])];
  const report: StatementReport = {
    payId: payConfig.payId,
    companyId: payConfig.companyId,
    channel: channel.name,
    day,
    checkedAt: deps.now().toISOString(),
    statementLines: lines.length,
    localPayments: paid.count,
    differences: items.length,
    ...(proof ? { ledger: proof.totals } : {}),
  };
  await deps.reports.replaceReport(report, items);
  return { ...report, items };
}

interface StatementWork {
  payConfig: PayConfig;
  channel: Channel<unknown>;
}

/** One config (`payId`), or every ACTIVE config of a channel that has statements. */
async function statementWork(deps: Pick<ReconcileDeps, 'configs'>, payId?: string): Promise<StatementWork[]> {
  let configs: PayConfig[];
  if (payId) {
    const one = await deps.configs.getPayConfig(payId);
    if (!one) throw new InvalidRequest('pay_config_not_found', `No pay config ${payId}`, 'payId');
    configs = [one];
  } else configs = await deps.configs.activePayConfigs();

  const channels = await Promise.all(configs.map((c) => loadChannel(c.channel)));
  if (payId && !channels[0]?.statement) {
    // UnionPay (file transfer, txnType 76) and PayPal (SFTP reports) statements are not read.
    throw new InvalidRequest('statement_not_supported', `${configs[0]!.channel} statements are not read`, 'payId');
  }
  return configs.flatMap((payConfig, i) => (channels[i]?.statement ? [{ payConfig, channel: channels[i]! }] : []));
}

/** Where the daily run puts one config's reconciliation, to be run in an invocation of its own. */
export interface StatementQueue {
  sendAll(runs: { day: string; payId: string }[]): Promise<void>;
}

/**
 * The daily run: one message per config that has statements, each reconciled by its own invocation
 * (its own time limit, retries and dead-letter queue), so one merchant's large day neither delays
 * nor times out the others'. Returns the configs queued.
 */
export async function queueStatements(deps: Pick<ReconcileDeps, 'configs'>, queue: StatementQueue, day: string): Promise<string[]> {
  const payIds = (await statementWork(deps)).map((w) => w.payConfig.payId);
  await queue.sendAll(payIds.map((payId) => ({ day, payId })));
  return payIds;
}

/**
 * Reconciles `day` for one config (`payId`) or, an operator's re-run, every ACTIVE config of a
 * channel that has statements, a few at once. A config whose statement cannot be fetched fails
 * alone: the others go on.
 */
export async function reconcileStatements(
  deps: ReconcileDeps,
  request: { day: string; payId?: string },
  observe: { completed(report: StatementReport): void; failed(payConfig: PayConfig, error: unknown): void },
): Promise<ReconcileResult[]> {
  const work = await statementWork(deps, request.payId);
  const results: ReconcileResult[] = new Array(work.length);
  let next = 0;
  const worker = async () => {
    while (next < work.length) {
      const i = next++;
      const { payConfig, channel } = work[i]!;
      try {
        const report = await reconcileConfig(deps, channel, payConfig, request.day);
        observe.completed(report);
        results[i] = { payId: payConfig.payId, channel: channel.name, outcome: 'completed', differences: report.differences };
      } catch (error) {
        observe.failed(payConfig, error);
        results[i] = { payId: payConfig.payId, channel: channel.name, outcome: 'failed', error: (error as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_CONFIGS, work.length) }, worker));
  return results;
}
