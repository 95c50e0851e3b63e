/**
 * Alipay's daily trade bill (业务明细): `alipay.data.dataservice.bill.downloadurl.query` with
 * bill_type `trade` and bill_date `yyyy-MM-dd` (a GMT+8 day, available the next morning) answers a
 * signed `bill_download_url`, valid for 30 s; it serves a zip of GBK CSV files. The detail file
 * (`<pid>_<yyyyMMdd>_业务明细.csv`) has `#` comment lines around a header row and one row per trade
 * (业务类型 交易) or refund (退款, negative amounts); the summary file (`…业务明细(汇总).csv`) is
 * not read. Fields may carry a trailing tab (Alipay's guard against spreadsheet number mangling).
 * Sources: opendocs.alipay.com `alipay.data.dataservice.bill.downloadurl.query`; the column names
 * as every published bill parser reads them.
 */
import type { ChannelCall, StatementLine } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { fromDecimalString } from '../../domain/money.ts';
import { columns, csvRows } from '../../statements/csv.ts';
import { StatementLines } from '../../statements/statement-lines.ts';
import { readZip } from '../../statements/zip.ts';
import { describeReply, execute, signedRequest } from './client.ts';
import type { AlipayConfig } from './config.ts';
import { fromAlipayTime } from './time.ts';

const METHOD = 'alipay.data.dataservice.bill.downloadurl.query';
const COLUMNS = ['支付宝交易号', '商户订单号', '业务类型', '完成时间', '订单金额（元）'] as const;

export async function statement(call: ChannelCall<AlipayConfig>, day: string): Promise<StatementLine[]> {
  const reply = await execute(call, signedRequest(call, METHOD, { bill_type: 'trade', bill_date: day }));
  // No bill for a day without trades: an empty statement (every payment payee has for that day then shows as missing at Alipay).
  if (reply.code !== '10000' && reply.sub_code === 'isp.bill_not_exist') return [];
  if (reply.code !== '10000' || typeof reply.bill_download_url !== 'string') throw new ProviderUnavailable(`${METHOD}: ${describeReply(reply)}`);

  const download = await callProvider(call, reply.bill_download_url, { method: 'GET', responseEncoding: 'base64' }, `${METHOD} download`);
  if (download.status !== 200) throw new ProviderUnavailable(`${METHOD} download: HTTP ${download.status}`);
  try {
    const entries = readZip(Buffer.from(download.body, 'base64'), new TextDecoder('gbk'));
    const detail = entries.filter((e) => e.name.endsWith('业务明细.csv'));
    if (detail.length !== 1) throw new Error(`the zip holds ${detail.length} detail files (${entries.map((e) => e.name).join(', ')})`);
    return parseTradeBill(new TextDecoder('gbk', { fatal: true }).decode(detail[0]!.data));
  } catch (error) {
    throw new ProviderUnavailable(`${METHOD}: unreadable bill: ${(error as Error).message}`, error);
  }
}

/** The detail CSV, decoded: one line per payment. Throws on anything it cannot read exactly. */
export function parseTradeBill(text: string): StatementLine[] {
  const rows = csvRows(text).filter((row) => !row[0]?.startsWith('#') && row.some((field) => field.trim() !== ''));
  const [header, ...records] = rows;
  if (!header) throw new Error('no header row');
  const at = columns(header, COLUMNS, 'alipay bill');
  const lines = new StatementLines('CNY');
  for (const [i, record] of records.entries()) {
    const field = (name: (typeof COLUMNS)[number]) => (record[at[name]] ?? '').trim();
    const amount = fromDecimalString(field('订单金额（元）'), 'CNY');
    const time = fromAlipayTime(field('完成时间'));
    const payNo = field('商户订单号');
    const tradeNo = field('支付宝交易号');
    if (amount === undefined || !time || !payNo || !tradeNo) throw new Error(`row ${i + 1} is malformed`);
    const type = field('业务类型');
    if (type === '交易') lines.paid(payNo, tradeNo, amount, time);
    else if (type === '退款') lines.refunded(payNo, tradeNo, Math.abs(amount), time);
    else throw new Error(`row ${i + 1}: unknown 业务类型 ${type}`);
  }
  return lines.lines();
}
