/** The sandbox's browser pages: Alipay's cashier for a trade, and its error page for a bad request. */
import type { GatewayError } from './gateway.ts';
import type { SandboxTrade } from './trades.ts';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, rows: [string, string][]): string {
  const body = rows.map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value)}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><h1>${escape(title)}</h1><table>${body}</table></body></html>`;
}

/** The cashier for one trade, or for a merge (pre_order_no) and each of its sub-orders. */
export function cashierHtml(trades: SandboxTrade[], preOrderNo?: string): string {
  const rows: [string, string][] = preOrderNo === undefined ? [] : [['pre_order_no', preOrderNo]];
  for (const trade of trades) {
    rows.push(
      ['subject', trade.subject],
      ['total_amount', trade.totalAmount],
      ['out_trade_no', trade.outTradeNo],
      ['trade_no', trade.tradeNo],
      ['trade_status', trade.status],
    );
  }
  return page('支付宝 sandbox 收银台', rows);
}

export function errorHtml(error: GatewayError): string {
  return page('支付宝 sandbox: 错误', [
    ['code', error.code],
    ['sub_code', error.subCode],
    ['sub_msg', error.subMsg],
  ]);
}
