/** The sandbox's browser pages: the front gateway's cashier for an order, and its error page. */
import type { SandboxOrder } from './orders.ts';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, rows: [string, string][], extra = ''): string {
  const body = rows.map(([name, value]) => `<tr><th>${escape(name)}</th><td>${escape(value)}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><h1>${escape(title)}</h1><table>${body}</table>${extra}</body></html>`;
}

export function cashierHtml(order: SandboxOrder): string {
  const pay = `/sandbox/trades/${encodeURIComponent(order.orderId)}/pay?merId=${order.merId}`;
  return page(
    '银联 sandbox 收银台',
    [
      ['merId', order.merId],
      ['orderId', order.orderId],
      ['txnAmt (fen)', order.txnAmt],
      ['txnTime', order.txnTime],
      ['status', order.status],
    ],
    `<form method="post" action="${escape(pay)}"><button>pay</button></form>`,
  );
}

export function errorHtml(respCode: string, respMsg: string): string {
  return page('银联 sandbox: 错误', [
    ['respCode', respCode],
    ['respMsg', respMsg],
  ]);
}
