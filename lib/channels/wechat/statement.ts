/**
 * WeChat Pay's daily trade bill (API v3 交易账单): `GET /v3/bill/tradebill?bill_date=&bill_type=ALL`
 * (a China day, ready from about 10:00 the next day) answers, signed, `{hash_type: "SHA1",
 * hash_value, download_url}`; the download (`GET download_url`, with the merchant Authorization
 * like any v3 call) is NOT signed by WeChat: the SHA-1 of its bytes must equal hash_value. The file
 * is UTF-8 CSV whose every field starts with a backtick (against spreadsheet mangling): a header,
 * one row per trade (交易状态 SUCCESS) or refund (REFUND, with 退款金额), then two summary rows
 * (总交易单数,…). Amounts are yuan with two decimals. Errors: 400 NO_STATEMENT_EXIST (no trades
 * that day), 400 STATEMENT_CREATING (not ready yet).
 * Source: pay.weixin.qq.com/docs/merchant/apis/bill-download/trade-bill/get-trade-bill.html.
 */
import { createHash } from 'node:crypto';
import type { ChannelCall, StatementLine } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { fromDecimalString } from '../../domain/money.ts';
import { fromChinaWallClock } from '../../statements/china-day.ts';
import { columns, csvRows } from '../../statements/csv.ts';
import { StatementLines } from '../../statements/statement-lines.ts';
import { describeReply, errorCode, execute } from './client.ts';
import type { WechatConfig } from './config.ts';
import { signingMchid } from './partner.ts';
import { authorization, nonce } from './sign.ts';

type Call = ChannelCall<WechatConfig>;

const COLUMNS = ['交易时间', '微信订单号', '商户订单号', '交易状态', '货币种类', '订单金额', '退款金额', '退款状态'] as const;

export async function statement(call: Call, day: string): Promise<StatementLine[]> {
  // A 服务商 asks for its sub-merchant's bill (sub_mchid).
  const sub = call.config.mode === 'partner' ? `&sub_mchid=${call.config.subMchid}` : '';
  const reply = await execute(call, 'GET', `/v3/bill/tradebill?bill_date=${day}&bill_type=ALL${sub}`);
  if (reply.status === 400 && errorCode(reply) === 'NO_STATEMENT_EXIST') return [];
  const { hash_type, hash_value, download_url } = reply.data;
  if (reply.status !== 200 || hash_type !== 'SHA1' || typeof hash_value !== 'string' || typeof download_url !== 'string') {
    throw new ProviderUnavailable(`tradebill: ${reply.status === 200 ? 'unexpected reply' : describeReply(reply)}`);
  }
  const bytes = await download(call, download_url);
  // The download is unsigned: its hash, from the signed reply, is what makes it WeChat's.
  if (createHash('sha1').update(bytes).digest('hex') !== hash_value.toLowerCase()) throw new ProviderUnavailable('tradebill: the download does not match hash_value');
  try {
    return parseTradeBill(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ProviderUnavailable(`tradebill: unreadable bill: ${(error as Error).message}`, error);
  }
}

async function download(call: Call, downloadUrl: string): Promise<Buffer> {
  const url = new URL(downloadUrl);
  const { config } = call;
  const headers = {
    accept: '*/*',
    'user-agent': 'payee',
    authorization: authorization(
      { mchid: signingMchid(config), serial: config.merchantSerial, privateKeyPem: config.privateKey },
      { method: 'GET', url: url.pathname + url.search, body: '', timestamp: Math.floor(call.now().getTime() / 1000), nonce: nonce() },
    ),
  };
  const response = await callProvider(call, url, { method: 'GET', headers, responseEncoding: 'base64' }, 'tradebill download');
  if (response.status !== 200) throw new ProviderUnavailable(`tradebill download: HTTP ${response.status}`);
  return Buffer.from(response.body, 'base64');
}

/** The bill CSV: one line per payment. Throws on anything it cannot read exactly. */
export function parseTradeBill(text: string): StatementLine[] {
  const rows = csvRows(text).filter((row) => row.some((field) => field.trim() !== ''));
  const [header, ...rest] = rows;
  if (!header) throw new Error('no header row');
  const at = columns(header, COLUMNS, 'wechat bill');
  const summary = rest.findIndex((row) => row[0]?.trim() === '总交易单数');
  if (summary < 0) throw new Error('no summary rows');
  const lines = new StatementLines('CNY');
  for (const [i, record] of rest.slice(0, summary).entries()) {
    const field = (name: (typeof COLUMNS)[number]) => (record[at[name]] ?? '').trim().replace(/^`/, '');
    const time = fromChinaWallClock(field('交易时间'));
    const payNo = field('商户订单号');
    const tradeNo = field('微信订单号');
    if (!time || !payNo || !tradeNo) throw new Error(`row ${i + 1} is malformed`);
    if (field('货币种类') !== 'CNY') throw new Error(`row ${i + 1}: currency ${field('货币种类')}`);
    const state = field('交易状态');
    if (state === 'SUCCESS') {
      const amount = fromDecimalString(field('订单金额'), 'CNY');
      if (amount === undefined) throw new Error(`row ${i + 1}: 订单金额 ${field('订单金额')}`);
      lines.paid(payNo, tradeNo, amount, time);
    } else if (state === 'REFUND') {
      const refund = fromDecimalString(field('退款金额'), 'CNY');
      if (refund === undefined) throw new Error(`row ${i + 1}: 退款金额 ${field('退款金额')}`);
      // A refund still PROCESSING has moved no money yet.
      if (field('退款状态') === 'SUCCESS') lines.refunded(payNo, tradeNo, refund, time);
    } else throw new Error(`row ${i + 1}: unknown 交易状态 ${state}`);
  }
  return lines.lines();
}
