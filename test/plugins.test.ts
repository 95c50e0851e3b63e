/**
 * Plugins on the local stack (issue 14): the chat alert posts each chosen event once to the
 * robot stand-in (a batch's events in one message), duplicated callbacks notwithstanding; the accounting export writes the day's
 * CSV to the bucket; the risk rule holds (flags: a warning and its alarm's metric) a payment
 * over the limit and a buyer's payments past the window's count, changing none of them; a robot
 * that is down fills the plugin's dead-letter queue (the metric its alarm watches) while payments go on.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { clientConfig } from '../infra/local/target.ts';
import { chinaDayOf } from '../lib/statements/china-day.ts';
import { localPlugins } from '../infra/local/local-stack.ts';
import { deliverAlipayNotify, eventually, eventsOf, paymentOf, sandboxPost } from './support/callbacks.ts';
import { queueDepth } from './support/chaos.ts';
import { metricSum } from './support/metrics.ts';
import { call, newMerchant, sampleBody, target } from './support/target.ts';

const plugins = target().plugins;

interface ChatMessage {
  path: string;
  body: { msgtype: string; markdown: { content: string } };
}
/** The sections (one per event: a batch is one message) that name the payment, in the messages the robot got. */
const chatMessages = async (payNo: string): Promise<{ path: string; msgtype: string; section: string }[]> =>
  ((await (await fetch(`${plugins!.chatUrl}/_messages`)).json()) as ChatMessage[]).flatMap((m) =>
    (m.body.markdown?.content.split('\n\n') ?? []).filter((s) => s.includes(payNo)).map((section) => ({ path: m.path, msgtype: m.body.msgtype, section })),
  );
const setChat = (state: 'down' | 'up') => fetch(`${plugins!.chatUrl}/_${state}`, { method: 'POST' });

describe.skipIf(!plugins || !target().sandbox)('plugins', () => {
  let merchant: Merchant;
  const sqs = new SQSClient(clientConfig(target(), 'sqs'));
  const s3 = new S3Client({ ...clientConfig(target(), 'sqs'), forcePathStyle: true });

  beforeAll(async () => {
    merchant = await newMerchant('plugins');
  });
  afterAll(async () => {
    await setChat('up');
    sqs.destroy();
    s3.destroy();
  });

  const paidPayment = async (amount: number, deliveries: number) => {
    const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const payNo = created.body.payNo as string;
    const { body } = await sandboxPost(`/sandbox/trades/${payNo}/notifications`, { tradeStatus: 'TRADE_SUCCESS', send: false });
    await Promise.all(Array.from({ length: deliveries }, () => deliverAlipayNotify(merchant.payId, body)));
    await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
    return payNo;
  };
  const deadLetters = async (name: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: plugins!.queues[name]!.deadLetter, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
  };

  it('the chat alert posts each chosen event once in WeCom shape', async () => {
    const payNo = await paidPayment(3100, 4);
    const refund = await call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/refunds`, { body: { amount: 600 } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    // The refund is published after the payment's success: once its message is in, the success's (and any duplicate) is too.
    const messages = await eventually(() => chatMessages(payNo), (m) => m.some((x) => x.section.includes('refund.succeeded')), 30_000);
    const kinds = messages.map((m) => m.section.split('\n')[0]).sort();
    // payment.partially_refunded is not among the plugin's events: not posted.
    expect(kinds).toEqual(['**payee payment.succeeded**', '**payee refund.succeeded**']);
    expect(messages[0]).toMatchObject({ path: '/wecom', msgtype: 'markdown' });
    expect(messages.find((m) => m.section.includes('payment.succeeded'))!.section).toContain('31.00 CNY');
  });

  it("the export writes the day's succeeded payments and refunds to the day's CSV in the plugin's bucket", async () => {
    const payNo = await paidPayment(3100, 2);
    const refund = await call(merchant.apiKey, 'POST', `/v1/payments/${payNo}/refunds`, { body: { amount: 600 } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    const paid = await paymentOf(merchant, payNo);
    // A file per China day of the event: the payment's line is in its paid day's file, the refund's in its own.
    const fileOf = (at: string) => `accounting/${merchant.companyId}/${chinaDayOf(new Date(at))}.csv`;
    const read = async (key: string) => {
      try {
        return await (await s3.send(new GetObjectCommand({ Bucket: plugins!.exportBucket, Key: key }))).Body!.transformToString();
      } catch (error) {
        if ((error as Error).name === 'NoSuchKey') return '';
        throw error;
      }
    };
    const refundFile = await eventually(() => read(fileOf(refund.body.updatedAt)), (text) => text.includes(refund.body.refundNo), 30_000);
    const paidFile = fileOf(paid.paidAt) === fileOf(refund.body.updatedAt) ? refundFile : await read(fileOf(paid.paidAt));
    const rowsOf = (csv: string) => csv.trim().split('\r\n');
    expect(rowsOf(refundFile)[0]).toBe('eventId,occurredAt,kind,payNo,refundNo,outTradeNo,channel,method,amount,currency,providerTradeNo');
    const mine = [...new Set([...rowsOf(paidFile), ...rowsOf(refundFile)])].filter((l) => l.includes(payNo)).map((l) => l.split(','));
    // Delivered twice, the success is in once; the refund negative, with its number (a refund event carries the refund, not the order number).
    expect(mine.map((f) => [f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]])).toEqual([
      ['payment', payNo, '', paid.outTradeNo, 'alipay', 'alipay.qr', '31.00', 'CNY', paid.providerTradeNo],
      ['refund', payNo, refund.body.refundNo, '', 'alipay', 'alipay.qr', '-6.00', 'CNY', ''],
    ]);
  });

  it("the risk rule holds a payment over the limit and a buyer's payments past the window's count: the alarm's metric rises, the payments go on", async () => {
    const { maxAmount, maxPerPayer } = localPlugins('')['risk-rule'];
    const before = await metricSum('RiskRuleHolds');
    const create = async (amount: number, payer?: Record<string, string>) => {
      const created = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount, ...(payer ? { payer } : {}) }) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.payNo as string;
    };
    const large = await create(maxAmount + 1);
    const afterAmount = await eventually(() => metricSum('RiskRuleHolds'), (n) => n >= before + 1, 30_000);
    // One buyer (the same client IP, published only as payerRef): the first maxPerPayer pass, the next is held.
    const payer = { clientIp: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` };
    const mine: string[] = [];
    for (let i = 0; i <= maxPerPayer; i++) mine.push(await create(1000, payer));
    // Other files' payments may be held meanwhile (the metric is the tenant's): it rises at least by this hold.
    await eventually(() => metricSum('RiskRuleHolds'), (n) => n >= afterAmount + 1, 30_000);
    await eventually(() => queueDepth(plugins!.queues.RiskRule!.queue), (n) => n === 0, 30_000);
    expect(await queueDepth(plugins!.queues.RiskRule!.deadLetter)).toBe(0);
    // A hold changes no payment: each stays PENDING with its action, with no event of the rule's, and the large one is paid as usual.
    for (const payNo of [large, ...mine]) {
      expect((await paymentOf(merchant, payNo)).status).toBe('PENDING');
      expect(await eventsOf(merchant, payNo)).toEqual([]);
    }
    await sandboxPost(`/sandbox/trades/${large}/pay`);
    await eventually(() => paymentOf(merchant, large), (p) => p.status === 'SUCCEEDED', 30_000);
  }, 90_000);

  it("a robot that is down fills the plugin's dead-letter queue; payments go on", async () => {
    const before = await deadLetters('ChatAlert');
    await setChat('down');
    const payNo = await paidPayment(4200, 1);
    // Three receives, each failed, then the dead-letter queue: the DeadLetters alarm's metric rises.
    await eventually(() => deadLetters('ChatAlert'), (n) => n > before, 90_000);
    expect((await paymentOf(merchant, payNo)).status).toBe('SUCCEEDED');
    expect(await chatMessages(payNo)).toEqual([]);
    // The other plugins' queues are their own.
    expect(await deadLetters('AccountingExport')).toBe(0);
    await setChat('up');
    const next = await paidPayment(4300, 1);
    await eventually(() => chatMessages(next), (m) => m.length === 1, 30_000);
  }, 150_000);
});
