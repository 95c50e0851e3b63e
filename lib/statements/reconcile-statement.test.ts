import { describe, expect, it } from 'vitest';
import type { FlowResource } from '../api/account-schema.ts';
import type { Channel, StatementLine } from '../channels/channel.ts';
import type { Payment, PayConfig } from '../domain/payment.ts';
import type { StatementDifference, StatementReport, StatementStore } from '../store/statement-store.ts';
import { chinaDayOf, chinaDayWindow, parseDay, previousChinaDay } from './china-day.ts';
import { generateKeyPairSync } from 'node:crypto';
import { differences, queueStatements, reconcileConfig, reconcileStatements, type ReconcileDeps } from './reconcile-statement.ts';

const DAY = '2026-11-24';
const config: PayConfig = { payId: 'cfg_a', companyId: 'C1', channel: 'fake', status: 'ACTIVE', config: {} };

function payment(payNo: string, overrides: Partial<Payment> = {}): Payment {
  return {
    payNo, companyId: 'C1', payId: 'cfg_a', channel: 'fake', method: 'fake.qr', outTradeNo: `O${payNo}`, subject: 's',
    amount: 1000, orderAmount: 1000, currency: 'CNY', status: 'SUCCEEDED', refundableAmount: 1000, version: 2,
    // 10:00 China time on DAY.
    expiresAt: '2026-11-24T03:00:00.000Z', createdAt: '2026-11-24T01:55:00.000Z', updatedAt: '2026-11-24T02:00:00.000Z', paidAt: '2026-11-24T02:00:00.000Z',
    ...overrides,
  };
}

const line = (payNo: string, overrides: Partial<StatementLine> = {}): StatementLine => ({
  payNo, providerTradeNo: `T${payNo}`, amount: 1000, currency: 'CNY', status: 'SUCCEEDED', refundedAmount: 0, at: '2026-11-24T02:00:00.000Z', ...overrides,
});

/** Payments in memory, listed as the paid-day index does (per config and China day of payment, in pages). */
function store(all: Payment[]): ReconcileDeps['payments'] {
  return {
    get: async (payNo) => all.find((p) => p.payNo === payNo),
    paidOn: async function* (payId, day) {
      const paid = all.filter((p) => p.payId === payId && p.status !== 'PENDING' && chinaDayOf(new Date(p.paidAt ?? p.updatedAt)) === day);
      for (let i = 0; i < paid.length; i += 2) yield paid.slice(i, i + 2);
    },
  };
}

describe('differences', () => {
  it('finds each kind once and nothing on agreeing payments', async () => {
    const local = [
      payment('Pok'),
      payment('Prefunded', { status: 'REFUNDED', refundedAmount: 1000, refundableAmount: 0 }),
      payment('Pamount'),
      payment('Pgone'),
      payment('Pnotpaid', { status: 'PENDING', paidAt: undefined }),
      payment('Pnotrefunded'),
      payment('Pother', { payId: 'cfg_b' }),
    ];
    const lines = [
      line('Pok'),
      line('Prefunded', { status: 'REFUNDED', refundedAmount: 1000 }),
      line('Pamount', { amount: 1001 }),
      line('Pnotpaid'),
      line('Pnotrefunded', { status: 'REFUNDED', refundedAmount: 1000 }),
      line('Pother'),
      line('Pphantom'),
    ];
    const paid = local.filter((p) => p.payId === 'cfg_a' && p.status !== 'PENDING');
    const found = await differences(store(local), config, lines, paid);
    expect(found.map((d) => [d.payNo, d.kind]).sort()).toEqual(
      [
        ['Pamount', 'amount_differs'],
        ['Pgone', 'missing_at_provider'],
        ['Pnotpaid', 'status_differs'],
        ['Pnotrefunded', 'status_differs'],
        // Another config's payment is not this statement's.
        ['Pother', 'missing_locally'],
        ['Pphantom', 'missing_locally'],
      ].sort(),
    );
    expect(found.find((d) => d.payNo === 'Pamount')).toEqual({
      kind: 'amount_differs', payNo: 'Pamount', providerTradeNo: 'TPamount',
      provider: { amount: 1001, currency: 'CNY', status: 'SUCCEEDED', refundedAmount: 0, at: '2026-11-24T02:00:00.000Z' },
      local: { amount: 1000, currency: 'CNY', status: 'SUCCEEDED', refundedAmount: 0, paidAt: '2026-11-24T02:00:00.000Z' },
    });
  });

  it('a refund-only line (trade paid another day) is checked for presence and payment, not amount', async () => {
    const earlier = payment('Pearlier', { paidAt: '2026-11-20T02:00:00.000Z', status: 'PARTIALLY_REFUNDED' });
    expect(await differences(store([earlier]), config, [line('Pearlier', { amount: undefined, refundedAmount: 300 })], [])).toEqual([]);
  });
});

describe('reconcileConfig', () => {
  function deps(payments: Payment[], lines: StatementLine[], flows = new Map<string, FlowResource[]>()) {
    const written: { report: StatementReport; differences: StatementDifference[] }[] = [];
    const reports: StatementStore = {
      replaceReport: async (report, differences) => void written.push({ report, differences }),
      reportsOf: async () => [],
    };
    const channel = {
      name: 'fake',
      configSchema: { safeParse: (c: unknown) => ({ success: true, data: c }) },
      statement: async (_call: unknown, day: string) => (day === DAY ? lines : []),
    } as unknown as Channel<unknown>;
    const d: ReconcileDeps = {
      configs: { getPayConfig: async () => config, activePayConfigs: async () => [config] },
      payments: store(payments),
      reports,
      ledgerFlows: async (payNos) => new Map(payNos.map((payNo) => [payNo, flows.get(payNo) ?? []])),
      http: async () => ({ status: 500, headers: {}, body: '' }),
      providerTimeoutMs: 1000,
      now: () => new Date('2026-11-25T03:00:00Z'),
    };
    return { d, channel, written };
  }

  it("compares the China day's paid payments, including ones created days before and paid at its edges", async () => {
    const window = chinaDayWindow(DAY);
    const local = [
      payment('Pfirst', { createdAt: '2026-11-20T00:00:00.000Z', paidAt: window.from.toISOString() }),
      payment('Plast', { paidAt: new Date(window.to.getTime() - 1).toISOString() }),
      payment('Pnextday', { paidAt: window.to.toISOString() }),
      payment('Pprevday', { createdAt: '2026-11-23T15:00:00.000Z', paidAt: new Date(window.from.getTime() - 1).toISOString() }),
    ];
    const { d, channel, written } = deps(local, [line('Pfirst'), line('Plast')]);
    const report = await reconcileConfig(d, channel, config, DAY);
    expect(report).toMatchObject({ payId: 'cfg_a', companyId: 'C1', day: DAY, statementLines: 2, localPayments: 2, differences: 0 });
    expect(written).toHaveLength(1);
  });

  it("proves the day's ledger: posted line flows = paid amounts = the statement's, each payment that disagrees a ledger_differs", async () => {
    const details = [{ accountOut: 'Aclearing', accountRec: 'Aseller', amount: 700 }, { accountOut: 'Aclearing', accountRec: 'Afees', amount: 300 }];
    const ledgerPayment = (payNo: string, overrides: Partial<Payment> = {}) => payment(payNo, { ledger: true, details, ...overrides });
    const flow = (payNo: string, line: number, kind: FlowResource['kind'], amount: number, refundNo?: string): FlowResource => ({
      flowId: `${payNo}.0${line}.${kind}`, kind, direction: 'debit', amount, currency: 'CNY', accountOut: 'Aclearing', accountRec: 'Aseller', payNo, line, at: '2026-11-24T02:00:00.000Z',
      ...(refundNo ? { refundNo } : {}),
    });
    const local = [
      // Posted in full, then partly refunded: the reversal is not the day's posting.
      ledgerPayment('Pok', { status: 'PARTIALLY_REFUNDED', refundedAmount: 200 }),
      // Paid after it closed: its lines posted at once.
      ledgerPayment('Plate'),
      // Success applied, one line's posting missing.
      ledgerPayment('Pshort'),
      // Without the ledger: not part of the proof.
      payment('Pplain'),
    ];
    const flows = new Map([
      ['Pok', [flow('Pok', 0, 'pending', 700), flow('Pok', 1, 'pending', 300), flow('Pok', 0, 'post', 700), flow('Pok', 1, 'post', 300), flow('Pok', 0, 'posted', 200, 'R1')]],
      ['Plate', [flow('Plate', 0, 'void', 700), flow('Plate', 1, 'void', 300), flow('Plate', 0, 'posted', 700), flow('Plate', 1, 'posted', 300)]],
      ['Pshort', [flow('Pshort', 0, 'post', 700)]],
    ]);
    const { d, channel, written } = deps(local, [line('Pok'), line('Plate'), line('Pshort'), line('Pplain')], flows);
    const report = await reconcileConfig(d, channel, config, DAY);
    expect(report).toMatchObject({ localPayments: 4, differences: 1, ledger: { payments: 3, paid: 3000, posted: 2700, statement: 3000 } });
    expect(report.items).toEqual([
      { kind: 'ledger_differs', payNo: 'Pshort', providerTradeNo: undefined, local: expect.objectContaining({ amount: 1000, status: 'SUCCEEDED' }), ledger: { posted: 700 } },
    ]);
    expect(written[0]!.report.ledger).toEqual(report.ledger);

    // A day without ledger payments has no proof.
    const plain = deps([payment('Pplain')], [line('Pplain')]);
    expect((await reconcileConfig(plain.d, plain.channel, config, DAY)).ledger).toBeUndefined();
  });
});

describe('reconcileStatements', () => {
  it('skips channels without statements; a statement that cannot be fetched fails its config alone, writing nothing', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const alipayConfig: PayConfig = {
      payId: 'cfg_ali', companyId: 'C1', channel: 'alipay', status: 'ACTIVE',
      config: {
        appId: '2021000000000001',
        privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        alipayPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        gatewayUrl: 'http://127.0.0.1:9/gateway.do',
      },
    };
    const paypalConfig: PayConfig = { payId: 'cfg_pp', companyId: 'C1', channel: 'paypal', status: 'ACTIVE', config: {} };
    const written: StatementReport[] = [];
    const failed: string[] = [];
    const d: ReconcileDeps = {
      configs: { getPayConfig: async (payId) => [alipayConfig, paypalConfig].find((c) => c.payId === payId), activePayConfigs: async () => [paypalConfig, alipayConfig] },
      payments: store([]),
      reports: { replaceReport: async (report) => void written.push(report), reportsOf: async () => [] },
      ledgerFlows: async () => new Map(),
      http: async () => {
        throw new Error('connect ECONNREFUSED');
      },
      providerTimeoutMs: 1000,
      now: () => new Date(),
    };
    const observe = { completed: () => {}, failed: (c: PayConfig) => void failed.push(c.payId) };
    expect(await reconcileStatements(d, { day: DAY }, observe)).toEqual([
      { payId: 'cfg_ali', channel: 'alipay', outcome: 'failed', error: expect.stringContaining('ECONNREFUSED') },
    ]);
    expect(failed).toEqual(['cfg_ali']);
    expect(written).toEqual([]);
    await expect(reconcileStatements(d, { day: DAY, payId: 'cfg_pp' }, observe)).rejects.toThrow(/paypal statements are not read/);
    await expect(reconcileStatements(d, { day: DAY, payId: 'cfg_none' }, observe)).rejects.toThrow(/No pay config/);
  });

  it('the daily run queues one message per config that has statements, fetching nothing itself', async () => {
    const configs = ['alipay', 'paypal', 'wechat', 'unionpay'].map((channel): PayConfig => ({ payId: `cfg_${channel}`, companyId: 'C1', channel, status: 'ACTIVE', config: {} }));
    const sent: { day: string; payId: string }[][] = [];
    const queued = await queueStatements({ configs: { getPayConfig: async () => undefined, activePayConfigs: async () => configs } }, { sendAll: async (runs) => void sent.push(runs) }, DAY);
    expect(queued).toEqual(['cfg_alipay', 'cfg_wechat']);
    expect(sent).toEqual([[{ day: DAY, payId: 'cfg_alipay' }, { day: DAY, payId: 'cfg_wechat' }]]);
  });
});

describe('china days', () => {
  it('parses real dates only and names the previous China day', () => {
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(parseDay('2026-2-3')).toBeUndefined();
    // 01:00 UTC is 09:00 in China: the previous China day is the UTC date before.
    expect(previousChinaDay(new Date('2026-11-25T01:00:00Z'))).toBe('2026-11-24');
    // 17:00 UTC is already the next day in China.
    expect(previousChinaDay(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-24');
    expect(chinaDayWindow('2026-11-24')).toEqual({ from: new Date('2026-11-23T16:00:00Z'), to: new Date('2026-11-24T16:00:00Z') });
  });
});
