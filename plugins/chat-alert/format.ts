/**
 * A batch of events as one chat message, in the payload shape of each robot: WeCom's and DingTalk's
 * group robots take markdown messages (`msgtype: markdown`), Slack's incoming webhooks `text` in
 * mrkdwn. One message per batch, not per event: WeCom's and DingTalk's robots take 20 messages a
 * minute (DingTalk's guide says to combine many alerts into one markdown summary), and a batch of
 * ten events stays well under WeCom's 4096-byte markdown limit.
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

export function chatPayload(format: ChatAlertSettings['format'], events: readonly PayeeEvent[]): unknown {
  const sections = events.map(lines);
  // Each event's section starts with its title line; sections are apart by a blank line.
  const text = (title: (t: string) => string, line: (l: string) => string) =>
    sections.map(({ title: t, body }) => [title(t), ...body.map(line)].join('\n')).join('\n\n');
  switch (format) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: text((t) => `**${t}**`, (l) => `> ${l}`) } };
    case 'dingtalk': {
      const title = sections.length === 1 ? sections[0]!.title : `payee: ${sections.length} events`;
      return { msgtype: 'markdown', markdown: { title, text: text((t) => `#### ${t}`, (l) => `- ${l}`) } };
    }
    case 'slack':
      return { text: text((t) => `*${t}*`, (l) => l) };
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
