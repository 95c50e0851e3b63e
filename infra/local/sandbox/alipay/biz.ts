/**
 * What every sandbox API shares: business errors as Alipay words them, biz_content fields, yuan
 * amounts, and finding the caller's trade (PROTOCOLS.md §1.3, §1.4).
 */
import type { Call, GatewayReply } from './gateway.ts';
import type { SandboxTrade } from './trades.ts';

const MESSAGES: Record<string, string> = {
  '20000': 'Service Currently Unavailable',
  '20001': 'Insufficient Token Permissions',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
};

export class GatewayError extends Error {
  constructor(
    readonly code: string,
    readonly subCode: string,
    readonly subMsg: string,
  ) {
    super(`${code} ${subCode} ${subMsg}`);
  }

  reply(): Record<string, string> {
    return { code: this.code, msg: MESSAGES[this.code] ?? '', sub_code: this.subCode, sub_msg: this.subMsg };
  }
}

/** A biz_content field as text; clients may send amounts as JSON numbers. */
export function field(biz: Record<string, unknown>, name: string): string | undefined {
  const value = biz[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function required(biz: Record<string, unknown>, name: string): string {
  const value = field(biz, name);
  if (value === undefined) throw new GatewayError('40002', 'isv.missing-parameter', `缺少必选参数 ${name}`);
  return value;
}

const MAX_AMOUNT_CENTS = 100_000_000_00;

/** A yuan amount field (at most 2 decimals, in [0.01, 100000000]) as integer cents. */
export function positiveCents(biz: Record<string, unknown>, name: string): number {
  const text = required(biz, name);
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  const cents = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : 0;
  if (cents < 1 || cents > MAX_AMOUNT_CENTS) throw new GatewayError('40002', 'isv.invalid-parameter', `${name} 无效: ${text}`);
  return cents;
}

/** Cents as Alipay writes amounts: yuan with 2 decimals. */
export function yuan(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** The signed `xxx_response` of a successful call. */
export function success(call: Call, fields: Record<string, unknown>): Extract<GatewayReply, { kind: 'api' }> {
  const responseKey = `${(call.params.method ?? '').replaceAll('.', '_')}_response`;
  return { kind: 'api', responseKey, reply: { code: '10000', msg: 'Success', ...fields }, signed: true };
}

/**
 * The caller's trade by out_trade_no or trade_no, as Alipay sees it: a QR nobody has scanned (and
 * a page nobody opened) is no trade yet, so ACQ.TRADE_NOT_EXIST (lib/channels/channel.ts, NOT_FOUND).
 */
export function visibleTrade(call: Call): SandboxTrade {
  const { state, app, biz, now } = call;
  const outTradeNo = field(biz, 'out_trade_no');
  const tradeNo = field(biz, 'trade_no');
  if (!outTradeNo && !tradeNo) throw new GatewayError('40002', 'isv.missing-parameter', '缺少必选参数 out_trade_no 或 trade_no');
  // Alipay takes trade_no when both are given (opendocs alipay.trade.close / refund).
  const trade = tradeNo
    ? state.trades.find((t) => t.sellerId === app.sellerId && t.tradeNo === tradeNo)[0]
    : state.trades.get(app.sellerId, outTradeNo!);
  // A merge's sub-orders exist from its precreate on (merge.ts).
  if (!trade?.buyerArrivedAt && !trade?.preOrderNo) throw new GatewayError('40004', 'ACQ.TRADE_NOT_EXIST', '交易不存在');
  return state.trades.refresh(trade, now);
}
