/**
 * Daily statement reconciliation end to end: payments paid through the Alipay and WeChat Pay
 * sandboxes, differences planted in the sandboxes' bills, the StatementReconciler run for the day,
 * and GET /v1/reports/reconciliation: every planted difference reported, nothing else.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Merchant } from '../infra/local/merchants.ts';
import { chinaDayOf } from '../lib/statements/china-day.ts';
import { eventually, paymentOf } from './support/callbacks.ts';
import { call, invokeFunction, newMerchant, sampleBody, target } from './support/target.ts';

const hasSandboxes = !!target().sandbox?.wechat && !!target().functions?.StatementReconciler;
/** The China day of now: the sandboxes serve the bill of today so far. */
const day = chinaDayOf(new Date());

async function sandbox(channel: 'alipay' | 'wechat', path: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`${target().sandbox![channel]!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${channel} sandbox ${path}: ${res.status} ${await res.text()}`);
}
const plant = (channel: 'alipay' | 'wechat', body: Record<string, unknown>) => sandbox(channel, '/sandbox/statements/plant', body);

async function create(merchant: Merchant, method: string, payId: string): Promise<string> {
  const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ method, payId }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.payNo;
}

async function paid(merchant: Merchant, channel: 'alipay' | 'wechat', method: string, payId: string): Promise<string> {
  const payNo = await create(merchant, method, payId);
  await sandbox(channel, `/sandbox/trades/${payNo}/pay`);
  await eventually(() => paymentOf(merchant, payNo), (p) => p.status === 'SUCCEEDED');
  return payNo;
}

const report = (merchant: Merchant, query: string) => call(merchant.apiKey, 'GET', `/v1/reports/reconciliation?${query}`);
const kinds = (r: { differences: { payNo: string; kind: string }[] }) => r.differences.map((d) => [d.payNo, d.kind]).sort();

describe.skipIf(!hasSandboxes)('statement reconciliation', () => {
  let a: Merchant;
  let clean: Merchant;
  const planted = { alipay: {} as Record<string, string>, wechat: {} as Record<string, string> };

  beforeAll(async () => {
    [a, clean] = await Promise.all([newMerchant('statements-a'), newMerchant('statements-clean')]);
    const ali = (m: Merchant) => paid(m, 'alipay', 'alipay.qr', m.payId);
    const wx = (m: Merchant) => paid(m, 'wechat', 'wechat.native', m.payIds.wechat!);

    // Company A: one agreeing payment per channel, and one planted difference of each kind.
    const [ok, amount, omitted, unpaid] = await Promise.all([ali(a), ali(a), ali(a), create(a, 'alipay.qr', a.payId)]);
    planted.alipay = { ok, amount, omitted, unpaid, ghost: `PGHOST${Date.now()}` };
    await plant('alipay', { outTradeNo: amount, amount: 1899 });
    await plant('alipay', { outTradeNo: omitted, status: 'OMITTED' });
    await plant('alipay', { outTradeNo: unpaid, status: 'PAID' });
    await plant('alipay', { appId: a.alipay.appId, outTradeNo: planted.alipay.ghost, amount: 500 });
    const [wok, wrefunded] = await Promise.all([wx(a), wx(a)]);
    planted.wechat = { ok: wok, refunded: wrefunded };
    await plant('wechat', { outTradeNo: wrefunded, status: 'REFUNDED' });

    // The clean company: its payments agree with the bills.
    await Promise.all([ali(clean), wx(clean)]);
  });

  it('reports every planted difference, nothing else, and a clean company none', async () => {
    const run = (await invokeFunction('StatementReconciler', { day })) as { day: string; results: { payId: string; outcome: string }[] };
    expect(run.day).toBe(day);
    for (const payId of [a.payId, a.payIds.wechat, clean.payId, clean.payIds.wechat]) {
      expect(run.results.find((r) => r.payId === payId), `${payId}: ${JSON.stringify(run.results)}`).toMatchObject({ outcome: 'completed' });
    }
    // Channels whose statements payee does not read are skipped.
    expect(run.results.some((r) => r.payId === a.payIds.unionpay || r.payId === a.payIds.paypal)).toBe(false);

    const res = await report(a, `day=${day}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byPayId = new Map(res.body.data.map((r: any) => [r.payId, r]));
    expect([...byPayId.keys()].sort()).toEqual([a.payId, a.payIds.wechat].sort());

    const alipay: any = byPayId.get(a.payId);
    expect(alipay).toMatchObject({ channel: 'alipay', day, statementLines: 4, localPayments: 3 });
    expect(kinds(alipay)).toEqual(
      [
        [planted.alipay.amount, 'amount_differs'],
        [planted.alipay.omitted, 'missing_at_provider'],
        [planted.alipay.unpaid, 'status_differs'],
        [planted.alipay.ghost, 'missing_locally'],
      ].sort(),
    );
    const amount = alipay.differences.find((d: any) => d.kind === 'amount_differs');
    expect(amount).toMatchObject({ provider: { amount: 1899, status: 'SUCCEEDED' }, local: { amount: 1999, status: 'SUCCEEDED' }, providerTradeNo: expect.any(String) });
    expect(alipay.differences.find((d: any) => d.kind === 'status_differs')).toMatchObject({ provider: { status: 'SUCCEEDED' }, local: { status: 'PENDING' } });
    expect(alipay.differences.find((d: any) => d.kind === 'missing_locally')).toMatchObject({ provider: { amount: 500 } });
    expect(alipay.differences.find((d: any) => d.kind === 'missing_locally').local).toBeUndefined();

    const wechat: any = byPayId.get(a.payIds.wechat);
    expect(wechat).toMatchObject({ channel: 'wechat', statementLines: 2, localPayments: 2 });
    expect(kinds(wechat)).toEqual([[planted.wechat.refunded, 'status_differs']]);
    expect(wechat.differences[0]).toMatchObject({ provider: { status: 'REFUNDED', refundedAmount: 1999 }, local: { status: 'SUCCEEDED' } });

    const mine = await report(clean, `day=${day}`);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toHaveLength(2);
    for (const r of mine.body.data) expect(r).toMatchObject({ statementLines: 1, localPayments: 1, differences: [] });
  });

  it("another company cannot read a company's report", async () => {
    const foreign = await report(clean, `day=${day}&payId=${a.payId}`);
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({ day, data: [] });
    const own = await report(a, `day=${day}&payId=${a.payId}`);
    expect(own.body.data.map((r: any) => r.payId)).toEqual([a.payId]);
  });

  it('a re-run replaces the day: a difference gone from the bill is gone from the report', async () => {
    await plant('alipay', { outTradeNo: planted.alipay.amount, amount: 1999 });
    await invokeFunction('StatementReconciler', { day, payId: a.payId });
    const res = await report(a, `day=${day}&payId=${a.payId}`);
    expect(kinds(res.body.data[0])).toEqual(
      [
        [planted.alipay.omitted, 'missing_at_provider'],
        [planted.alipay.unpaid, 'status_differs'],
        [planted.alipay.ghost, 'missing_locally'],
      ].sort(),
    );
  });

  it('a day the job has not run has no reports; a bad query is a 400 that names the field', async () => {
    expect((await report(a, 'day=2020-01-01')).body).toEqual({ day: '2020-01-01', data: [] });
    for (const [query, param] of [['day=2026-02-30', 'day'], ['', 'day'], [`day=${day}&payId=a%20b`, 'payId'], [`day=${day}&extra=1`, 'extra']]) {
      const res = await report(a, query!);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request', param });
    }
  });

  it('the daily run queues each config that has statements, and each is reconciled in its own invocation', async () => {
    const before = new Date().toISOString();
    const run = (await invokeFunction('StatementReconciler', { day, fanOut: true })) as { day: string; queued: string[] };
    expect(run.day).toBe(day);
    expect(run.queued).toEqual(expect.arrayContaining([a.payId, a.payIds.wechat, clean.payId, clean.payIds.wechat]));
    expect(run.queued).not.toContain(a.payIds.paypal);
    // Each config's report is replaced by its queued run: checked again, with the same findings.
    for (const merchant of [a, clean]) {
      const res = await eventually(
        () => report(merchant, `day=${day}`),
        (r) => r.body.data.length === 2 && r.body.data.every((x: { checkedAt: string }) => x.checkedAt > before),
        120_000,
      );
      if (merchant === clean) for (const r of res.body.data) expect(r.differences).toEqual([]);
      else expect(res.body.data.find((r: any) => r.payId === a.payId).differences).toHaveLength(3);
    }
  });

  it('the job refuses a bad day or a pay config whose statements payee does not read', async () => {
    await expect(invokeFunction('StatementReconciler', { day: '2026-13-01' })).rejects.toThrow(/day/);
    await expect(invokeFunction('StatementReconciler', { day, payId: a.payIds.paypal })).rejects.toThrow(/statement/);
  });
});
