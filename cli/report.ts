/**
 * `payee report daily --from <day> --to <day> [--group-by channel|method|payId|currency]`: GET
 * /v1/reports/daily with a merchant's API key (--api-key, else PAYEE_KEY, else the local stack's
 * demo key in .payee/local.json), printed as a table.
 */
import { readFileSync } from 'node:fs';
import type { DailyReport } from '../lib/api/daily-report-schema.ts';
import { toDecimalString, isCurrency } from '../lib/domain/money.ts';
import { parseArgs, UsageError } from './args.ts';
import type { Io } from './main.ts';
import { table } from './output.ts';

const USAGE = 'Usage: payee report daily --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--group-by channel|method|payId|currency] [--api-url <url>] [--api-key <key>] [--target <file>] [--json]';

const money = (amount: number, currency: string) => (isCurrency(currency) ? toDecimalString(amount, currency) : String(amount));
const ms = (v: number | undefined) => (v === undefined ? '-' : v >= 60_000 ? `≤${Math.round(v / 60_000)}m` : `≤${v / 1000}s`);

export async function reportCommand(argv: readonly string[], io: Io): Promise<number> {
  const [verb, ...rest] = argv;
  let args;
  try {
    if (verb !== 'daily') throw new UsageError(verb === undefined ? 'a report is needed' : `unknown report ${verb}`);
    args = parseArgs(rest, {
      from: { type: 'string', placeholder: 'day', description: 'First China day' },
      to: { type: 'string', placeholder: 'day', description: 'Last China day' },
      'group-by': { type: 'string', placeholder: 'dimension', description: 'channel, method, payId or currency' },
      'api-url': { type: 'string', placeholder: 'url', description: 'The API with its stage' },
      'api-key': { type: 'string', placeholder: 'key', description: "A merchant's API key" },
      target: { type: 'string', placeholder: 'file', description: 'Target file of a local stack' },
      json: { type: 'flag', description: 'Print the reply as JSON' },
    });
    if (typeof args.options.from !== 'string' || typeof args.options.to !== 'string') throw new UsageError('--from and --to are required');
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`payee: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const o = args.options as Record<string, string | boolean | undefined>;
  let apiUrl = o['api-url'] as string | undefined;
  let apiKey = (o['api-key'] as string | undefined) ?? process.env.PAYEE_KEY;
  if (!apiUrl || !apiKey) {
    try {
      const local = JSON.parse(readFileSync((o.target as string | undefined) ?? process.env.PAYEE_TARGET ?? '.payee/local.json', 'utf8'));
      apiUrl ??= local.apiUrl;
      apiKey ??= local.demo?.apiKey;
    } catch {
      // no local stack: said below
    }
  }
  if (!apiUrl || !apiKey) {
    io.err(`payee: no API: give --api-url and --api-key (or PAYEE_KEY), or start the local stack (npm start)\n${USAGE}\n`);
    return 2;
  }
  const query = new URLSearchParams({ from: o.from as string, to: o.to as string, ...(o['group-by'] ? { groupBy: o['group-by'] as string } : {}) });
  const res = await fetch(`${apiUrl}/v1/reports/daily?${query}`, { headers: { 'x-api-key': apiKey } });
  const body = await res.json();
  if (!res.ok) {
    io.err(`payee: ${body.error?.message ?? JSON.stringify(body)} (${[body.error?.param && `param ${body.error.param}`, `HTTP ${res.status}`].filter(Boolean).join(', ')})\n`);
    return 1;
  }
  const report = body as DailyReport;
  if (o.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const cur = (r: DailyReport['data'][number]) => r.currency;
  io.out(
    `${table(report.data, [
      { header: 'DAY', value: (r) => r.day },
      { header: report.groupBy.toUpperCase(), value: (r) => r.group },
      ...(report.groupBy === 'currency' ? [] : [{ header: 'CURRENCY', value: (r: DailyReport['data'][number]) => r.currency }]),
      { header: 'CREATED', value: (r) => r.created.count },
      { header: 'SUCCEEDED', value: (r) => r.succeeded.count },
      { header: 'AMOUNT', value: (r) => money(r.succeeded.amount, cur(r)) },
      { header: 'CLOSED', value: (r) => r.closed.count },
      { header: 'FAILED', value: (r) => r.failed.count },
      { header: 'REFUNDED', value: (r) => `${r.refunded.count} / ${money(r.refunded.amount, cur(r))}` },
      { header: 'SUCCESS', value: (r) => (r.successRate === undefined ? '-' : `${(r.successRate * 100).toFixed(1)}%`) },
      { header: 'AVG TICKET', value: (r) => (r.averageTicket === undefined ? '-' : money(r.averageTicket, cur(r))) },
      { header: 'PAY p50/p95', value: (r) => `${ms(r.timeToPay.p50Ms)} / ${ms(r.timeToPay.p95Ms)}` },
      { header: 'CALLBACK p50/p95', value: (r) => `${ms(r.callbackLatency.p50Ms)} / ${ms(r.callbackLatency.p95Ms)}` },
    ], `(no activity from ${report.from} to ${report.to})`)}\n`,
  );
  return 0;
}
