/**
 * The payments sweep against the local Alipay sandbox over real HTTP, with an in-memory store that
 * keeps the port's conditional semantics and a clock the test moves.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAlipaySandbox, type AlipaySandbox } from '../../infra/local/sandbox/alipay/index.ts';
import type { PaymentEvent } from '../channels/channel.ts';
import { alipay } from '../channels/alipay/index.ts';
import { firstCheckAt, isOpen, type PayConfig, type Payment } from '../domain/payment.ts';
import { providerHttp } from '../http/provider-http.ts';
import type { ConfigStore } from '../store/config-store.ts';
import { MemoryEventStore } from '../store/memory-payment-store.ts';
import type { DueCursor, PaymentStore } from '../store/payment-store.ts';
import { nextCheckAfter, reconcilePayments, type Check, type ReconcileDeps } from './reconcile.ts';
import { syncEventId } from './payment-lifecycle.ts';

const MINUTE = 60_000;
const sortKey = (p: Payment) => `${p.nextCheckAt ?? p.createdAt}#${p.payNo}`;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_ID = '2021000000000077';

/** The PaymentStore port in memory: conditional writes as the DynamoDB adapter makes them. */
class MemoryPaymentStore extends MemoryEventStore implements Pick<PaymentStore, 'dueForCheck' | 'deferCheck'> {
  shards = 2;
  /** What the store's index shows when it lags behind the table (a payment settled meanwhile). */
  readonly staleIndex = new Map<string, Payment>();

  shardOf = (payNo: string) => payNo.charCodeAt(payNo.length - 1) % this.shards;

  async dueForCheck(shard: number, due: Date, page: { limit: number; cursor?: DueCursor }) {
    const listed = [...this.payments.values()]
      .map((p) => this.staleIndex.get(p.payNo) ?? p)
      .filter((p) => isOpen(p.status) && this.shardOf(p.payNo) === shard && (p.nextCheckAt ?? p.createdAt) <= due.toISOString())
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    // Like DynamoDB's ExclusiveStartKey: the next page starts after the last key returned.
    const rest = listed.filter((p) => !page.cursor || sortKey(p) > String(page.cursor.after));
    const payments = rest.slice(0, page.limit).map((p) => structuredClone(p));
    return { payments, ...(rest.length > page.limit ? { cursor: { after: sortKey(payments.at(-1)!) } } : {}) };
  }

  async deferCheck(payNo: string, nextCheckAt: string) {
    const p = this.payments.get(payNo);
    if (!p || !isOpen(p.status)) return false;
    p.nextCheckAt = nextCheckAt;
    return true;
  }
}

let sandbox: AlipaySandbox;
let store: MemoryPaymentStore;
let queued: PaymentEvent[];
let clock: Date;
let checks: Check[];

const payConfig = (): PayConfig => ({
  payId: 'CFG1',
  companyId: 'CO1',
  channel: 'alipay',
  status: 'ACTIVE',
  config: {
    appId: APP_ID,
    privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKey: sandbox.alipayPublicKeyPem,
    gatewayUrl: sandbox.gatewayUrl,
  },
});
const configs: ConfigStore = {
  async getPayConfig(payId) {
    return payId === 'CFG1' ? payConfig() : undefined;
  },
  async payConfigsFor() {
    return [payConfig()];
  },
};

function deps(): ReconcileDeps {
  return {
    payments: store as unknown as PaymentStore,
    configs,
    queue: { send: async (event) => void queued.push(event as PaymentEvent) },
    http: providerHttp,
    providerTimeoutMs: 500,
    now: () => clock,
    shards: store.shards,
    onCheck: (check) => void checks.push(check),
  };
}

let seq = 0;
/** A payment created at the sandbox now (a precreate QR), with the given lifetime. */
async function openPayment(expiresInMs = 30 * MINUTE, overrides: Partial<Payment> = {}): Promise<Payment> {
  const created = clock;
  const expiresAt = new Date(created.getTime() + expiresInMs);
  const payNo = `P${process.pid}T${Date.now()}N${++seq}`;
  const config = alipay.configSchema.parse(payConfig().config);
  const outcome = await alipay.create(
    { config, http: providerHttp, timeoutMs: 2000, now: () => created },
    { createdAt: new Date(), payNo, method: 'alipay.qr', subject: 'T-shirt', amount: 1999, currency: 'CNY', expiresAt, callbackUrl: 'https://pay.example/cb' },
  );
  expect(outcome.outcome).toBe('created');
  const payment: Payment = {
    payNo,
    companyId: 'CO1',
    payId: 'CFG1',
    channel: 'alipay',
    method: 'alipay.qr',
    outTradeNo: `T${seq}`,
    subject: 'T-shirt',
    amount: 1999,
    orderAmount: 1999,
    currency: 'CNY',
    status: 'PENDING',
    refundableAmount: 0,
    version: 2,
    expiresAt: expiresAt.toISOString(),
    nextCheckAt: firstCheckAt(created, expiresAt),
    createdAt: created.toISOString(),
    updatedAt: created.toISOString(),
    ...overrides,
  };
  store.payments.set(payNo, payment);
  return payment;
}

/** The payment as the store has it, made `ms` older (the provider's trade is unchanged). */
function backdate(payment: Payment, ms: number): Payment {
  const shift = (iso: string) => new Date(Date.parse(iso) - ms).toISOString();
  const older = { ...payment, createdAt: shift(payment.createdAt), expiresAt: shift(payment.expiresAt), nextCheckAt: shift(payment.nextCheckAt!) };
  store.payments.set(payment.payNo, older);
  return older;
}

async function hook(path: string, body: unknown = {}) {
  const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  await res.text();
}
const later = (payment: Payment, ms: number) => new Date(Date.parse(payment.createdAt) + ms);
const run = (deadline = Date.now() + 30_000) => reconcilePayments(deps(), deadline);

beforeAll(async () => {
  sandbox = await startAlipaySandbox({});
  sandbox.registerApp({ appId: APP_ID, appPublicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  store = new MemoryPaymentStore();
  queued = [];
  checks = [];
  clock = new Date();
  await hook('/sandbox/faults', { mode: 'timeout', count: 0, appId: APP_ID });
});

describe('nextCheckAfter', () => {
  const payment = { createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-01-02T00:00:00.000Z' };
  const at = (minutes: number) => new Date(Date.parse(payment.createdAt) + minutes * MINUTE);
  const minutesAfter = (iso: string, from: Date) => (Date.parse(iso) - from.getTime()) / MINUTE;

  it('waits half the payment\'s age, at least 1 and at most 30 minutes, before expiry', () => {
    expect(minutesAfter(nextCheckAfter(payment, at(1)), at(1))).toBe(1);
    expect(minutesAfter(nextCheckAfter(payment, at(5)), at(5))).toBe(2.5);
    expect(minutesAfter(nextCheckAfter(payment, at(7.5)), at(7.5))).toBe(3.75);
    expect(minutesAfter(nextCheckAfter(payment, at(600)), at(600))).toBe(30);
  });

  it('never passes expiresAt, and after it retries the close within 5 minutes', () => {
    const short = { ...payment, expiresAt: at(6).toISOString() };
    expect(nextCheckAfter(short, at(5))).toBe(short.expiresAt);
    expect(minutesAfter(nextCheckAfter(short, at(6)), at(6))).toBe(1);
    expect(minutesAfter(nextCheckAfter(short, at(10)), at(10))).toBe(2);
    expect(minutesAfter(nextCheckAfter(short, at(600)), at(600))).toBe(5);
  });
});

describe('reconcilePayments', () => {
  it('closes an expired unpaid payment: CLOSED with an EXPIRED event, and nothing is due any more', async () => {
    const payment = await openPayment(2 * MINUTE);
    const fresh = await openPayment();
    expect(await run()).toMatchObject({ closed: 0, queued: 0, unchanged: 0 });

    clock = later(payment, 2 * MINUTE);
    const summary = await run();
    expect(summary).toMatchObject({ closed: 1, paid: 0, queued: 0, unchanged: 0, unavailable: 0, error: 0, stuckPastExpiry: 0, unfinished: false });
    expect(store.payments.get(payment.payNo)).toMatchObject({ status: 'CLOSED', version: 3 });
    expect(await store.listEvents(payment.payNo)).toMatchObject([
      { eventId: `expire-${payment.payNo}`, status: 'CLOSED', providerStatus: 'EXPIRED', outcome: 'applied', fromStatus: 'PENDING' },
    ]);
    expect(checks).toEqual([{ payNo: payment.payNo, companyId: 'CO1', channel: 'alipay', outcome: 'closed', stuck: false }]);
    // The 30-minute payment was not due (first check 5 minutes after its create).
    expect(store.payments.get(fresh.payNo)).toEqual(fresh);
    expect(await run()).toMatchObject({ closed: 0, skipped: 0 });
  });

  it('an expired payment the buyer paid ends SUCCEEDED, never CLOSED', async () => {
    const payment = await openPayment(2 * MINUTE);
    await hook(`/sandbox/trades/${payment.payNo}/pay`);
    clock = later(payment, 3 * MINUTE);
    expect(await run()).toMatchObject({ closed: 0, paid: 1 });
    expect(store.payments.get(payment.payNo)).toMatchObject({ status: 'SUCCEEDED', refundableAmount: 1999, providerTradeNo: expect.any(String) });
    expect(store.events).toMatchObject([{ eventId: `close-paid-${payment.payNo}`, toStatus: 'SUCCEEDED' }]);
  });

  it('asks the provider about a payment 5 minutes old: a paid one goes onto the queue with sync\'s event id', async () => {
    const payment = await openPayment();
    await hook(`/sandbox/trades/${payment.payNo}/pay`);
    clock = later(payment, 5 * MINUTE);
    expect(await run()).toMatchObject({ queued: 1, closed: 0 });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ payNo: payment.payNo, status: 'SUCCEEDED', amount: 1999, currency: 'CNY', providerStatus: 'TRADE_SUCCESS' });
    expect(queued[0]!.eventId).toBe(syncEventId(payment.payNo, 'TRADE_SUCCESS', queued[0]!.providerTradeNo));
    // The worker applies it; until then the payment stays open and its next check moves on.
    expect(store.payments.get(payment.payNo)).toMatchObject({ status: 'PENDING', nextCheckAt: later(payment, 7.5 * MINUTE).toISOString() });
    expect(store.events).toEqual([]);
  });

  it('an unpaid payment: nothing queued, asked again later and later, and closed at expiry', async () => {
    const payment = await openPayment(12 * MINUTE);
    clock = later(payment, 5 * MINUTE);
    expect(await run()).toMatchObject({ unchanged: 1 });
    expect(store.payments.get(payment.payNo)!.nextCheckAt).toBe(later(payment, 7.5 * MINUTE).toISOString());
    clock = later(payment, 7 * MINUTE);
    expect(await run()).toMatchObject({ unchanged: 0 });
    clock = later(payment, 7.5 * MINUTE);
    expect(await run()).toMatchObject({ unchanged: 1 });
    // 7.5 + 3.75 = 11.25 minutes; then expiresAt, never beyond.
    clock = later(payment, 11.25 * MINUTE);
    expect(await run()).toMatchObject({ unchanged: 1 });
    expect(store.payments.get(payment.payNo)!.nextCheckAt).toBe(payment.expiresAt);
    clock = later(payment, 12 * MINUTE);
    expect(await run()).toMatchObject({ closed: 1 });
    expect(queued).toEqual([]);
  });

  it('a provider timeout changes nothing but the next check (never FAILED); stuck past the grace it is counted', async () => {
    // Alipay refuses request timestamps 15 minutes off: the payment is made older instead of the clock later.
    const t0 = clock.getTime();
    const payment = backdate(await openPayment(2 * MINUTE), 10 * MINUTE);
    await hook('/sandbox/faults', { mode: 'timeout', count: 10, appId: APP_ID });
    expect(await run()).toMatchObject({ unavailable: 1, closed: 0, error: 0, stuckPastExpiry: 0 });
    // 8 minutes past expiry: retried in half that.
    expect(store.payments.get(payment.payNo)).toMatchObject({ status: 'PENDING', version: 2, nextCheckAt: new Date(t0 + 4 * MINUTE).toISOString() });
    expect(store.events).toEqual([]);
    expect(checks[0]).toMatchObject({ outcome: 'unavailable', stuck: false, error: expect.stringContaining('timed out') });

    clock = new Date(t0 + 5 * MINUTE);
    expect(await run()).toMatchObject({ unavailable: 1, stuckPastExpiry: 1 });
    expect(store.payments.get(payment.payNo)).toMatchObject({ status: 'PENDING', version: 2, nextCheckAt: new Date(t0 + 10 * MINUTE).toISOString() });
    expect(store.events).toEqual([]);

    await hook('/sandbox/faults', { mode: 'timeout', count: 0, appId: APP_ID });
    clock = new Date(t0 + 10 * MINUTE);
    expect(await run()).toMatchObject({ closed: 1, stuckPastExpiry: 0 });
    expect(store.payments.get(payment.payNo)!.status).toBe('CLOSED');
  });

  it('skips a payment the index still lists but that has settled, and goes on after one that fails', async () => {
    const settled = await openPayment(MINUTE);
    store.staleIndex.set(settled.payNo, structuredClone(settled));
    store.payments.get(settled.payNo)!.status = 'SUCCEEDED';
    const broken = await openPayment(MINUTE, { payId: 'CFG-GONE' });
    const ok = await openPayment(MINUTE);
    clock = later(ok, 2 * MINUTE);
    expect(await run()).toMatchObject({ skipped: 1, error: 1, closed: 1 });
    expect(store.payments.get(ok.payNo)!.status).toBe('CLOSED');
    expect(store.payments.get(broken.payNo)).toMatchObject({ status: 'PENDING' });
    expect(checks.find((c) => c.payNo === broken.payNo)).toMatchObject({ outcome: 'error', error: expect.stringContaining('CFG-GONE') });
    // The failed one waits for its next check, like a timeout.
    expect(store.payments.get(broken.payNo)!.nextCheckAt! > clock.toISOString()).toBe(true);
  });

  it('walks every page of every shard, and starts nothing once the deadline has passed', async () => {
    const payments = await Promise.all(Array.from({ length: 60 }, () => openPayment(MINUTE)));
    clock = later(payments.at(-1)!, 2 * MINUTE);
    expect(await run(Date.now() - 1)).toMatchObject({ closed: 0, unfinished: true });
    expect(await run()).toMatchObject({ closed: 60, unfinished: false });
    expect([...store.payments.values()].every((p) => p.status === 'CLOSED')).toBe(true);
  });

  it('two runs at once close a payment once', async () => {
    const payment = await openPayment(MINUTE);
    clock = later(payment, 2 * MINUTE);
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.closed + b.closed).toBeGreaterThanOrEqual(1);
    expect(store.events.filter((e) => e.outcome === 'applied')).toHaveLength(1);
    expect(store.payments.get(payment.payNo)).toMatchObject({ status: 'CLOSED', version: 3 });
  });
});
