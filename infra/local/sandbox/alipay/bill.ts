/**
 * The sandbox's trade bills (业务明细), as Alipay serves them: `alipay.data.dataservice.bill.
 * downloadurl.query` (bill_type trade, bill_date yyyy-MM-dd, a GMT+8 day) answers a signed
 * `bill_download_url` valid for 30 s, which serves a zip of two GBK CSV files: the detail
 * (`<pid>_<yyyyMMdd>_业务明细.csv`, `#` comment lines around a header and one row per trade or
 * refund, refunds negative, numbers followed by a tab) and a summary (`…业务明细(汇总).csv`).
 * The bill is built from the sandbox's own trades of that day, plus what tests plant:
 *   POST /sandbox/statements/plant {"appId"?, "outTradeNo", "amount"?: fen, "status"?: "PAID"|"REFUNDED"|"OMITTED"}
 * (statements.ts says what each plant does; appId is needed for an out_trade_no the sandbox never saw).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, required, success } from './biz.ts';
import type { Call, GatewayReply, GatewayState } from './gateway.ts';
import { beijingTime } from './protocol.ts';
import { newTradeNo, type SandboxTrade } from './trades.ts';
import { HookError, jsonBody } from '../http.ts';
import { chinaDay, csvField, Downloads, encodeGbk, Plants, writeZip, yuan, type BillRow, type BillTrade } from '../statements.ts';

const DOWNLOAD_PATH = '/downloadBillFile.resource';
const URL_TTL_MS = 30_000;

export class AlipayBills {
  readonly plants = new Plants();
  readonly downloads = new Downloads();
}

const HEADER =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

const cents = (text: string) => Math.round(Number(text) * 100);

function billTrade(trade: SandboxTrade): BillTrade {
  return {
    outTradeNo: trade.outTradeNo,
    tradeNo: trade.tradeNo,
    subject: trade.subject,
    total: cents(trade.totalAmount),
    createdAt: trade.createdAt,
    paidAt: trade.paidAt,
    refunds: (trade.refunds ?? []).map((r) => ({ refundNo: r.outRequestNo, amount: cents(r.refundAmount), at: r.refundedAt })),
  };
}

function detailRow(row: BillRow): string {
  const amount = yuan(row.kind === 'trade' ? row.amount : -row.amount);
  return [
    `${row.trade.tradeNo}\t`,
    `${row.trade.outTradeNo}\t`,
    row.kind === 'trade' ? '交易' : '退款',
    csvField(row.trade.subject),
    beijingTime(row.trade.createdAt),
    beijingTime(row.at),
    '', '', '', '',
    'buy***@sandbox.example',
    amount,
    amount,
    '0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00',
    row.refundNo ? `${row.refundNo}\t` : '',
    '0.00', '0.00', '',
  ].join(',');
}

/** The zip Alipay would hand out for `day` (yyyy-MM-dd) of one seller. */
export function billZip(state: GatewayState, sellerId: string, day: string, now: Date): Buffer {
  const trades = state.trades.find((t) => t.sellerId === sellerId).map(billTrade);
  const rows = state.bills.plants.rows(sellerId, trades, day, newTradeNo);
  const compact = day.replaceAll('-', '');
  const [y, m, d] = day.split('-');
  const paidRows = rows.filter((r) => r.kind === 'trade');
  const refunds = rows.filter((r) => r.kind === 'refund');
  const detail = [
    '#支付宝业务明细查询',
    `#账号：[${sellerId}0156]`,
    `#起始日期：[${y}年${m}月${d}日 00:00:00]   终止日期：[${y}年${m}月${d}日 23:59:59]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    HEADER,
    ...rows.map(detailRow),
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${paidRows.length}笔，退款合计：${refunds.length}笔`,
    `#导出时间：[${beijingTime(now)}]`,
  ].join('\r\n');
  const sum = (list: BillRow[]) => list.reduce((total, r) => total + r.amount, 0);
  const summary = [
    '#支付宝业务汇总查询',
    `#账号：[${sellerId}0156]`,
    '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）',
    `合计,,${paidRows.length},${refunds.length},${yuan(sum(paidRows) - sum(refunds))},${yuan(sum(paidRows) - sum(refunds))}`,
    `#导出时间：[${beijingTime(now)}]`,
  ].join('\r\n');
  const name = `${sellerId}0156_${compact}`;
  return writeZip(
    [
      { name: encodeGbk(`${name}_业务明细.csv`), data: encodeGbk(detail) },
      { name: encodeGbk(`${name}_业务明细(汇总).csv`), data: encodeGbk(summary) },
    ],
    now,
  );
}

/** alipay.data.dataservice.bill.downloadurl.query */
export function billDownloadUrl(call: Call): GatewayReply {
  const { state, app, biz, now } = call;
  if (required(biz, 'bill_type') !== 'trade') throw new GatewayError('40004', 'isp.bill_type_not_support', '账单类型不支持 (the sandbox serves trade)');
  const day = required(biz, 'bill_date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new GatewayError('40004', 'isp.bill_date_invalid', '账单日期格式不正确');
  // Alipay has no bill of a day that has not begun; the sandbox serves today's so far, so tests need not wait a day.
  if (day > chinaDay(now)) throw new GatewayError('40004', 'isp.bill_not_exist', '账单不存在');
  const token = state.bills.downloads.issue(billZip(state, app.sellerId, day, now), now, URL_TTL_MS);
  const url = `${state.baseUrl}${DOWNLOAD_PATH}?bizType=trade&userId=${app.sellerId}&fileType=csv.zip&bizDates=${day.replaceAll('-', '')}&token=${token}`;
  return success(call, { bill_download_url: url });
}

/** The download URL and the plant hook; false for any other request. */
export async function billRoutes(state: GatewayState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method === 'GET' && url.pathname === DOWNLOAD_PATH) {
    const bytes = state.bills.downloads.take(url.searchParams.get('token'), new Date());
    if (!bytes) throw new HookError(404, 'no such bill, or its URL expired');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
    return true;
  }
  if (req.method === 'POST' && url.pathname === '/sandbox/statements/plant') {
    const body = await jsonBody(req);
    const { appId, outTradeNo } = body;
    let sellerId: string | undefined;
    if (appId !== undefined) sellerId = typeof appId === 'string' ? state.apps.get(appId)?.sellerId : undefined;
    else {
      const found = state.trades.find((t) => t.outTradeNo === outTradeNo);
      if (found.length === 1) sellerId = found[0]!.sellerId;
    }
    if (!sellerId) throw new HookError(400, 'name a registered appId (or an outTradeNo of exactly one trade)');
    state.bills.plants.add(Plants.parse(body, sellerId, new Date()));
    res.writeHead(204).end();
    return true;
  }
  return false;
}
