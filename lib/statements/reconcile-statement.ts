/**
 * Daily statement reconciliation (ARCHITECTURE.md §5 flow 5): the provider's statement of one day
 * against payee's table, per pay config. Every disagreement becomes a difference of the day's
 * report: a paid trade payee does not know (missing_locally), a payment payee has as paid that the
 * statement lacks (missing_at_provider), another amount (amount_differs), or a statement that says
 * paid / fully refunded where payee does not (status_differs).
 */
import { EXPIRES_IN } from '../api/create-payment-schema.ts';
import type { Channel, StatementLine } from '../channels/channel.ts';
import { channelMethods, loadChannelFor } from '../channels/registry.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import { InvalidRequest } from '../domain/errors.ts';
import type { Payment, PayConfig } from '../domain/payment.ts';
import type { PaymentStatus } from '../domain/status-machine.ts';
import type { ConfigStore, PayConfigDirectory } from '../store/config-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import type { StatementDifference, StatementReport, StatementStore } from '../store/statement-store.ts';
import { chinaDayWindow } from './china-day.ts';

export interface ReconcileDeps {
  configs: Pick<ConfigStore, 'getPayConfig'> & PayConfigDirectory;
  payments: Pick<PaymentStore, 'get' | 'listByCreatedAt'>;
  reports: StatementStore;
  http: ProviderHttp;
  providerTimeoutMs: number;
  now: () => Date;
}

export type ReconcileResult =
  | { payId: string; channel: string; outcome: 'completed'; differences: number }
  | { payId: string; channel: string; outcome: 'failed'; error: string };

const PAID: ReadonlySet<PaymentStatus> = new Set(['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED']);
/**
 * A payment is paid at most EXPIRES_IN.max after it is created (providers close it at its expiry),
 * so the payments paid on a day were all created from that long before the day to its end.
 */
const CREATED_BEFORE_PAID_MS = EXPIRES_IN.max * 1000;
const PAGE = 100;

/** The channel named `name` (`alipay`...), loaded through the registry. */
async function loadChannel(name: string): Promise<Channel<unknown> | undefined> {
  const method = channelMethods.find((m) => m.startsWith(`${name}.`));
  return method ? loadChannelFor(method) : undefined;
}

/** The payments of `payConfig` that payee has as paid within the day's window. */
async function paidLocally(payments: ReconcileDeps['payments'], payConfig: PayConfig, window: { from: Date; to: Date }): Promise<Payment[]> {
  const range = { from: new Date(window.from.getTime() - CREATED_BEFORE_PAID_MS), to: window.to };
  const paid: Payment[] = [];
  let cursor: string | undefined;
  do {
    const page = await payments.listByCreatedAt(payConfig.companyId, range, { limit: PAGE, cursor });
    for (const p of page.payments) {
      const paidAt = Date.parse(p.paidAt ?? p.updatedAt);
      if (p.payId === payConfig.payId && PAID.has(p.status) && paidAt >= window.from.getTime() && paidAt < window.to.getTime()) paid.push(p);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return paid;
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

/** The differences between one day's statement lines and the table; pure but for the payment look-ups. */
export async function differences(
  payments: ReconcileDeps['payments'],
  payConfig: PayConfig,
  lines: StatementLine[],
  paid: Payment[],
): Promise<StatementDifference[]> {
  const unmatched = new Map(paid.map((p) => [p.payNo, p]));
  const found: StatementDifference[] = [];
  for (const line of lines) {
    let local = unmatched.get(line.payNo);
    unmatched.delete(line.payNo);
    // Paid on another day here (a callback lost, a time at midnight): the statement names it, look it up.
    if (!local) {
      const other = await payments.get(line.payNo);
      local = other?.payId === payConfig.payId ? other : undefined;
    }
    const provider = providerSide(line);
    if (!local) {
      found.push({ kind: 'missing_locally', payNo: line.payNo, providerTradeNo: line.providerTradeNo, provider });
      continue;
    }
    const kind = compare(line, local);
    if (kind) found.push({ kind, payNo: line.payNo, providerTradeNo: line.providerTradeNo, provider, local: localSide(local) });
  }
  for (const p of unmatched.values()) {
    found.push({ kind: 'missing_at_provider', payNo: p.payNo, providerTradeNo: p.providerTradeNo, local: localSide(p) });
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
  const paid = await paidLocally(deps.payments, payConfig, chinaDayWindow(day));
  const items = await differences(deps.payments, payConfig, lines, paid);
  const report: StatementReport = {
    payId: payConfig.payId,
    companyId: payConfig.companyId,
    channel: channel.name,
    day,
    checkedAt: deps.now().toISOString(),
    statementLines: lines.length,
    localPayments: paid.length,
    differences: items.length,
  };
  await deps.reports.replaceReport(report, items);
  return { ...report, items };
}

/**
 * Reconciles `day` for one config (`payId`) or every ACTIVE config of a channel that has
 * statements. A config whose statement cannot be fetched fails alone: the others go on.
 */
export async function reconcileStatements(
  deps: ReconcileDeps,
  request: { day: string; payId?: string },
  observe: { completed(report: StatementReport): void; failed(payConfig: PayConfig, error: unknown): void },
): Promise<ReconcileResult[]> {
  let configs: PayConfig[];
  if (request.payId) {
    const one = await deps.configs.getPayConfig(request.payId);
    if (!one) throw new InvalidRequest('pay_config_not_found', `No pay config ${request.payId}`, 'payId');
    configs = [one];
  } else configs = await deps.configs.activePayConfigs();

  // A company's configs (Alipay, WeChat...) list the same days of its payments: read each page once per run.
  const pages = new Map<string, ReturnType<ReconcileDeps['payments']['listByCreatedAt']>>();
  const payments: ReconcileDeps['payments'] = {
    get: (payNo) => deps.payments.get(payNo),
    listByCreatedAt: (companyId, range, page) => {
      const key = JSON.stringify([companyId, range.from, range.to, page.limit, page.cursor]);
      let listed = pages.get(key);
      if (!listed) {
        pages.set(key, (listed = deps.payments.listByCreatedAt(companyId, range, page)));
        // A failed read is not remembered: the next config tries again.
        listed.catch(() => pages.delete(key));
      }
      return listed;
    },
  };
  const results: ReconcileResult[] = [];
  for (const payConfig of configs) {
    const channel = await loadChannel(payConfig.channel);
    // UnionPay (file transfer, txnType 76) and PayPal (SFTP reports) statements are not read.
    if (!channel?.statement) {
      if (request.payId) throw new InvalidRequest('statement_not_supported', `${payConfig.channel} statements are not read`, 'payId');
      continue;
    }
    try {
      const report = await reconcileConfig({ ...deps, payments }, channel, payConfig, request.day);
      observe.completed(report);
      results.push({ payId: payConfig.payId, channel: channel.name, outcome: 'completed', differences: report.differences });
    } catch (error) {
      observe.failed(payConfig, error);
      results.push({ payId: payConfig.payId, channel: channel.name, outcome: 'failed', error: (error as Error).message });
    }
  }
  return results;
}
