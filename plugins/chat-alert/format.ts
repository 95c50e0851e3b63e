/**
 * One event as a chat message, in the payload shape of each robot: WeCom's and DingTalk's group
 * robots take markdown messages (`msgtype: markdown`), Slack's incoming webhooks `text` in mrkdwn.
 */
import type { PayeeEvent } from '../../lib/events/event-types.ts';
import { toDecimalString } from '../../lib/domain/money.ts';
import type { ChatAlertSettings } from './manifest.ts';

function lines(event: PayeeEvent): { title: string; body: string[] } {
  const data = event.data as { payNo?: string; refundNo?: string; outTradeNo?: string };
  const title = `payee ${event.type}`;
  const body = [
    `${event.method} ${toDecimalString(event.amount, event.currency)} ${event.currency} ${event.status}`,
    `payNo ${data.payNo ?? ''}${data.refundNo ? `, refund ${data.refundNo}` : ''}${data.outTradeNo ? `, order ${data.outTradeNo}` : ''}`,
    `company ${event.companyId}, at ${event.occurredAt}`,
  ];
  return { title, body };
}

export function chatPayload(format: ChatAlertSettings['format'], event: PayeeEvent): unknown {
  const { title, body } = lines(event);
  switch (format) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: [`**${title}**`, ...body.map((l) => `> ${l}`)].join('\n') } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title, text: [`#### ${title}`, ...body.map((l) => `- ${l}`)].join('\n') } };
    case 'slack':
      return { text: [`*${title}*`, ...body].join('\n') };
  }
}

/** WeCom and DingTalk answer 200 with a non-zero errcode when they refuse a message. */
export function refusal(status: number, body: string): string | undefined {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  try {
    const parsed = JSON.parse(body) as { errcode?: number; errmsg?: string };
    if (typeof parsed.errcode === 'number' && parsed.errcode !== 0) return `errcode ${parsed.errcode} ${parsed.errmsg ?? ''}`.trim();
  } catch {
    // Slack answers "ok" in plain text.
  }
  return undefined;
}
