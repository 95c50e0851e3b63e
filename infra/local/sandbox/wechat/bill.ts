/**
 * The sandbox's trade bills (交易账单), as WeChat Pay API v3 serves them:
 *   GET /v3/bill/tradebill?bill_date=yyyy-MM-dd[&bill_type=ALL|SUCCESS|REFUND][&sub_mchid=] → signed
 *       (a 服务商 names the sub-merchant whose bill it wants: 特约商户号 in the rows)
 *       {hash_type: "SHA1", hash_value, download_url}; 400 NO_STATEMENT_EXIST for a day without rows
 *   GET /v3/billdownload/file?token= (merchant Authorization required) → the CSV, NOT signed
 * The CSV (UTF-8) has every field prefixed with a backtick, a header, one row per trade or refund
 * of that China day, and two summary rows. It is built from the sandbox's trades, plus plants:
 *   POST /sandbox/statements/plant {"mchid"?, "outTradeNo", "amount"?: fen, "status"?: "PAID"|"REFUNDED"|"OMITTED"}
 * (statements.ts says what each does; mchid is needed for an out_trade_no the sandbox never saw).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { owner, type ApiReply, type ApiState } from './api.ts';
import { digits, type SandboxMerchant, type SandboxTrade } from './trades.ts';
import { HookError } from '../http.ts';
import { jsonBody } from './hooks.ts';
import { chinaDay, Downloads, Plants, yuan, type BillRow, type BillTrade } from '../statements.ts';

const DOWNLOAD_PATH = '/v3/billdownload/file';
const URL_TTL_MS = 5 * 60_000;

export class WechatBills {
  readonly plants = new Plants();
  readonly downloads = new Downloads();
}

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';

const wallClock = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
/** WeChat's guard against spreadsheets: every field starts with a backtick (and none is quoted). */
const line = (fields: string[]) => fields.map((f) => `\`${f.replaceAll(',', '，')}`).join(',');

function billTrade(trade: SandboxTrade): BillTrade {
  return {
    outTradeNo: trade.outTradeNo,
    tradeNo: trade.transactionId ?? '',
    subject: trade.description,
    total: trade.total,
    createdAt: trade.createdAt,
    paidAt: trade.paidAt,
    refunds: trade.refunds.filter((r) => r.status === 'SUCCESS').map((r) => ({ refundNo: r.out_refund_no, refundId: r.refund_id, amount: r.amount, at: r.createdAt })),
  };
}

function row(merchant: SandboxMerchant, subMchid: string | undefined, trade: SandboxTrade | undefined, r: BillRow): string {
  const trading = r.kind === 'trade';
  return line([
    wallClock(r.at),
    merchant.appid,
    merchant.mchid,
    subMchid ?? '0',
    '',
    r.trade.tradeNo,
    r.trade.outTradeNo,
    trade?.openid ?? 'oSandboxPlanted',
    trade?.tradeType ?? 'NATIVE',
    trading ? 'SUCCESS' : 'REFUND',
    'OTHERS',
    'CNY',
    trading ? yuan(r.amount) : '0.00',
    '0.00',
    trading ? '0' : (r.refundId ?? r.refundNo ?? ''),
    trading ? '0' : (r.refundNo ?? ''),
    trading ? '0.00' : yuan(r.amount),
    '0.00',
    trading ? '' : 'ORIGINAL',
    trading ? '' : 'SUCCESS',
    r.trade.subject,
    '',
    '0.00000',
    '0.60%',
    // A trade row's amount may be planted; a refund row repeats its trade's.
    yuan(trading ? r.amount : r.trade.total),
    trading ? '0.00' : yuan(r.amount),
    '',
  ]);
}

/** The bill CSV of one merchant's day, with bill_type's filter; undefined when it has no rows. */
export function billCsv(state: ApiState, merchant: SandboxMerchant, day: string, billType: string, now: Date, subMchid?: string): Buffer | undefined {
  const mchid = subMchid ?? merchant.mchid;
  const trades = state.trades.find((t) => t.mchid === mchid).map((t) => state.trades.refresh(t, now));
  const byOutTradeNo = new Map(trades.map((t) => [t.outTradeNo, t]));
  const rows = state.bills.plants
    .rows(mchid, trades.map(billTrade), day, () => `42000${digits(23)}`)
    .filter((r) => billType === 'ALL' || (billType === 'SUCCESS') === (r.kind === 'trade'));
  if (rows.length === 0) return undefined;
  const sum = (kind: BillRow['kind']) => rows.filter((r) => r.kind === kind).reduce((total, r) => total + r.amount, 0);
  const paid = rows.filter((r) => r.kind === 'trade');
  const text = [
    HEADER,
    ...rows.map((r) => row(merchant, subMchid, byOutTradeNo.get(r.trade.outTradeNo), r)),
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    line([String(paid.length), yuan(sum('trade')), yuan(sum('refund')), '0.00', '0.00000', yuan(sum('trade')), yuan(sum('refund'))]),
  ].join('\r\n');
  return Buffer.from(`${text}\r\n`, 'utf8');
}

/** GET /v3/bill/tradebill */
export function tradeBill(state: ApiState, merchant: SandboxMerchant, url: URL, now: Date): ApiReply {
  const day = url.searchParams.get('bill_date') ?? '';
  const billType = url.searchParams.get('bill_type') ?? 'ALL';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return { status: 400, json: { code: 'PARAM_ERROR', message: 'bill_date 格式错误' } };
  if (!['ALL', 'SUCCESS', 'REFUND'].includes(billType)) return { status: 400, json: { code: 'PARAM_ERROR', message: 'bill_type 取值错误' } };
  const scope = owner(merchant, url.searchParams.get('sub_mchid'), Boolean(merchant.partner));
  if ('status' in scope) return scope;
  // The sandbox serves today's bill so far, so tests need not wait a day; a day to come has none.
  const csv = day > chinaDay(now) ? undefined : billCsv(state, merchant, day, billType, now, merchant.partner ? scope.mchid : undefined);
  if (!csv) return { status: 400, json: { code: 'NO_STATEMENT_EXIST', message: '要下载的账单不存在' } };
  const token = state.bills.downloads.issue(csv, now, URL_TTL_MS);
  return {
    status: 200,
    json: { hash_type: 'SHA1', hash_value: createHash('sha1').update(csv).digest('hex'), download_url: `${state.baseUrl}${DOWNLOAD_PATH}?token=${token}` },
  };
}

/** The download, after the request's Authorization was verified: raw bytes, no WeChat signature. */
export function billDownload(state: ApiState, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET' || url.pathname !== DOWNLOAD_PATH) return false;
  const bytes = state.bills.downloads.take(url.searchParams.get('token'), new Date());
  if (!bytes) res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'RESOURCE_NOT_EXISTS', message: '账单不存在或下载链接已过期' }));
  else res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
  return true;
}

/** POST /sandbox/statements/plant; false for any other request. */
export async function plantRoute(state: ApiState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method !== 'POST' || url.pathname !== '/sandbox/statements/plant') return false;
  const body = await jsonBody(req);
  let mchid = body.mchid;
  if (mchid === undefined) {
    const found = state.trades.find((t) => t.outTradeNo === body.outTradeNo);
    mchid = found.length === 1 ? found[0]!.mchid : undefined;
  }
  if (typeof mchid !== 'string' || mchid === '') throw new HookError(400, 'name the mchid (or an outTradeNo of exactly one trade)');
  state.bills.plants.add(Plants.parse(body, mchid, new Date()));
  res.writeHead(204).end();
  return true;
}
