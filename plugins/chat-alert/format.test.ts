import { describe, expect, it } from 'vitest';
import type { PayeeEvent } from '../../lib/events/event-types.ts';
import { chatPayload, refusal } from './format.ts';

const event: PayeeEvent = {
  id: 'P1.payment.succeeded.v2', type: 'payment.succeeded', occurredAt: '2026-11-24T10:00:05.000Z', companyId: 'C1', channel: 'wechat', method: 'wechat.native',
  status: 'SUCCEEDED', amount: 1999, currency: 'CNY', data: { payNo: 'P1', outTradeNo: 'A1' },
};

describe('chat alert payloads', () => {
  it('speaks each robot\'s shape', () => {
    expect(chatPayload('wecom', [event])).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**payee payment.succeeded**\n> wechat.native 19.99 CNY SUCCEEDED\n> payNo P1, order A1\n> company C1, at 2026-11-24T10:00:05.000Z' },
    });
    expect(chatPayload('dingtalk', [event])).toMatchObject({ msgtype: 'markdown', markdown: { title: 'payee payment.succeeded', text: expect.stringContaining('- payNo P1, order A1') } });
    expect(chatPayload('slack', [event])).toEqual({ text: expect.stringMatching(/^\*payee payment\.succeeded\*\nwechat\.native 19\.99 CNY/) });
  });

  it('puts a batch in one message, a section per event, within WeCom\'s 4096 bytes for a batch of ten', () => {
    const refund: PayeeEvent = { ...event, id: 'R1.refund.succeeded', type: 'refund.succeeded', amount: 600, data: { payNo: 'P1', refundNo: 'R1' } };
    const wecom = chatPayload('wecom', [event, refund]) as { markdown: { content: string } };
    expect(wecom.markdown.content.split('\n\n').map((s) => s.split('\n')[0])).toEqual(['**payee payment.succeeded**', '**payee refund.succeeded**']);
    expect(wecom.markdown.content).toContain('> payNo P1, refund R1');
    expect(chatPayload('dingtalk', [event, refund])).toMatchObject({ markdown: { title: 'payee: 2 events', text: expect.stringContaining('\n\n#### payee refund.succeeded\n- wechat.native 6.00 CNY') } });
    expect((chatPayload('slack', [event, refund]) as { text: string }).text.split('\n\n')).toHaveLength(2);
    const long = { ...event, companyId: 'C'.repeat(40), data: { payNo: 'P'.repeat(40), outTradeNo: 'A'.repeat(64) } };
    const ten = chatPayload('wecom', Array.from({ length: 10 }, () => long)) as { markdown: { content: string } };
    expect(Buffer.byteLength(ten.markdown.content)).toBeLessThan(4096);
  });

  it('takes a non-zero errcode in a 200 as the refusal it is', () => {
    expect(refusal(200, '{"errcode":0,"errmsg":"ok"}')).toBeUndefined();
    expect(refusal(200, 'ok')).toBeUndefined();
    expect(refusal(200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toBe('errcode 93000 invalid webhook url');
    expect(refusal(503, '')).toBe('HTTP 503');
  });
});
