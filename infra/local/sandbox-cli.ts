/**
 * `npm run sandbox -- <command> <payNo>`: play the Alipay buyer against the sandbox that `npm start`
 * runs (found through .payee/local.json), and watch Alipay's notifications reach payee.
 */
import type { Delivery } from './sandbox/alipay/notifier.ts';
import { readFileSync } from 'node:fs';

const STATE_FILE = '.payee/local.json';
/** Alipay waits up to 15 s for a notify reply; a little more to see it recorded. */
const DELIVERY_WAIT_MS = 16_000;

const USAGE = `usage: npm run sandbox -- <command> [payNo]

  pay <payNo>          the buyer pays (TRADE_SUCCESS); Alipay notifies payee
  finish <payNo>       the paid trade becomes TRADE_FINISHED; notified too
  trade <payNo>        the trade as the Alipay sandbox has it
  deliveries <payNo>   every notify delivery attempt and payee's reply
  help                 this text

payNo is payee's payment number, Alipay's out_trade_no.`;

/** A failure to report in one line, without a stack trace. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function sandboxUrl(): string {
  let text: string;
  try {
    text = readFileSync(STATE_FILE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`no ${STATE_FILE}: start the gateway first with npm start`);
    throw error;
  }
  const url = (JSON.parse(text) as { sandbox?: { alipay?: { url?: unknown } } }).sandbox?.alipay?.url;
  if (typeof url !== 'string') throw new CliError(`${STATE_FILE} has no sandbox.alipay.url: start the gateway again with npm start`);
  return url;
}

async function hook<T>(base: string, method: 'GET' | 'POST', path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : {});
  } catch {
    throw new CliError(`the Alipay sandbox at ${base} does not answer: is npm start still running?`);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new CliError((body as { error?: string } | undefined)?.error ?? `the sandbox answered HTTP ${res.status}`);
  return body as T;
}

function describeDelivery(d: Delivery): string {
  const outcome = d.error ? `no reply: ${d.error}` : d.status === undefined ? 'in flight' : `HTTP ${d.status} ${JSON.stringify(d.body)}`;
  return `#${d.attempt}  ${d.at}  ${d.tradeStatus}  notify_id ${d.notifyId}  ${outcome}`;
}

function printFields(record: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(record).map((name) => name.length));
  // Nested values (the buyer, refunds) as JSON: String() would print [object Object].
  for (const [name, value] of Object.entries(record)) console.log(`${name.padEnd(width)}  ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/** pay / finish: moves the trade on, then waits for the first delivery of its notification. */
async function advance(base: string, payNo: string, action: 'pay' | 'finish'): Promise<void> {
  const path = `/sandbox/trades/${encodeURIComponent(payNo)}`;
  const before = (await hook<Delivery[]>(base, 'GET', `${path}/deliveries`)).length;
  const trade = await hook<Record<string, string | undefined>>(base, 'POST', `${path}/${action}`);
  console.log(`${payNo}: ${trade.status}, trade_no ${trade.tradeNo}, ${trade.totalAmount} CNY`);
  if (!trade.notifyUrl) return console.log('the trade has no notify_url: Alipay sends no notification');
  console.log(`notifying ${trade.notifyUrl}`);
  for (const deadline = Date.now() + DELIVERY_WAIT_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    const first = (await hook<Delivery[]>(base, 'GET', `${path}/deliveries`))[before];
    if (!first || (first.status === undefined && !first.error)) continue;
    console.log(describeDelivery(first));
    if (first.body !== 'success') console.log(`not \`success\`: Alipay will retry; see npm run sandbox -- deliveries ${payNo}`);
    return;
  }
  console.log(`no reply yet; see npm run sandbox -- deliveries ${payNo}`);
}

async function main(args: string[]): Promise<void> {
  const [command = 'help', payNo, ...extra] = args;
  if (command === 'help' || command === '--help' || command === '-h') return console.log(USAGE);
  if (!['pay', 'finish', 'trade', 'deliveries'].includes(command)) throw new CliError(`unknown command ${command}\n\n${USAGE}`, 2);
  if (!payNo || extra.length > 0) throw new CliError(`${command} takes one payNo\n\n${USAGE}`, 2);

  const base = sandboxUrl();
  const path = `/sandbox/trades/${encodeURIComponent(payNo)}`;
  if (command === 'pay' || command === 'finish') return advance(base, payNo, command);
  if (command === 'trade') return printFields(await hook<Record<string, unknown>>(base, 'GET', path));
  const deliveries = await hook<Delivery[]>(base, 'GET', `${path}/deliveries`);
  if (deliveries.length === 0) return console.log(`${payNo}: no notify deliveries`);
  for (const delivery of deliveries) console.log(describeDelivery(delivery));
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  console.error(`sandbox: ${error.message}`);
  process.exitCode = error.exitCode;
}
