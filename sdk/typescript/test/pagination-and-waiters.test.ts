import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Payee, WaitTimeoutError, type Payment } from '../src/index.ts';
import { fakeClock, scriptedServer, type Received, type Step } from './scripted-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function setup(script: (req: Received, n: number) => Step) {
  const server = await scriptedServer(script);
  close = server.close;
  const clock = fakeClock();
  return { payee: new Payee({ apiKey: 'k', baseUrl: server.url, clock }), clock, received: server.received };
}

const payment = (payNo: string, status = 'PENDING') => ({ payNo, status }) as Payment;

describe('auto-pagination', () => {
  it('follows nextCursor across every page, keeping the other parameters', async () => {
    const pages: Record<string, { data: Payment[]; nextCursor?: string }> = {
      '': { data: [payment('P5'), payment('P4')], nextCursor: 'c1' },
      c1: { data: [payment('P3'), payment('P2')], nextCursor: 'c2' },
      c2: { data: [payment('P1')] },
    };
    const { payee, received } = await setup((req) => ({ status: 200, body: pages[new URL(req.url, 'http://x').searchParams.get('cursor') ?? '']! }));
    const seen: string[] = [];
    for await (const p of payee.payments.listAll({ limit: 2 })) seen.push(p.payNo);
    assert.deepEqual(seen, ['P5', 'P4', 'P3', 'P2', 'P1']);
    assert.deepEqual(received.map((r) => r.url), ['/live/v1/payments?limit=2', '/live/v1/payments?limit=2&cursor=c1', '/live/v1/payments?limit=2&cursor=c2']);
  });

  it('finds a payment by outTradeNo, or null', async () => {
    const { payee } = await setup((req) => ({ status: 200, body: { data: req.url.includes('A1') ? [payment('P1')] : [] } }));
    assert.equal((await payee.payments.getByOutTradeNo('A1'))?.payNo, 'P1');
    assert.equal(await payee.payments.getByOutTradeNo('B2'), null);
  });
});

describe('waiters', () => {
  it('createAndWait polls with growing delays until a final status', async () => {
    const statuses = ['PENDING', 'PENDING', 'PENDING', 'SUCCEEDED'];
    const { payee, clock, received } = await setup((req, n) => (req.method === 'POST' ? { status: 201, body: payment('P1') } : { status: 200, body: payment('P1', statuses[n]) }));
    const paid = await payee.payments.createAndWait({ method: 'alipay.qr', outTradeNo: 'A', subject: 's', amount: 1, currency: 'CNY' }, { minDelayMs: 100, maxDelayMs: 300 });
    assert.equal(paid.status, 'SUCCEEDED');
    assert.deepEqual(received.map((r) => r.method), ['POST', 'GET', 'GET', 'GET']);
    clock.sleeps.forEach((ms, i) => assert.ok(ms >= Math.min(300, 100 * 2 ** i) / 2 && ms <= Math.min(300, 100 * 2 ** i), `poll ${i}: ${ms}`));
  });

  it('waitFor gives up at the deadline with the last payment seen', async () => {
    const { payee, clock } = await setup(() => ({ status: 200, body: payment('P1') }));
    const error = await payee.payments.waitFor('P1', ['SUCCEEDED'], { maxWaitMs: 2_000, minDelayMs: 500, maxDelayMs: 500 }).catch((e: unknown) => e);
    assert.ok(error instanceof WaitTimeoutError);
    assert.equal((error.last as Payment).status, 'PENDING');
    // It polled until the deadline itself, not beyond it.
    assert.ok(Math.abs(clock.sleeps.reduce((a, b) => a + b, 0) - 2_000) < 1e-6, String(clock.sleeps));
  });

  it('refundAndWait follows the refund until it settles', async () => {
    const refund = (status: string) => ({ refundNo: 'R1', payNo: 'P1', status, amount: 100 });
    const { payee } = await setup((req, n) =>
      req.method === 'POST' ? { status: 201, body: refund('PROCESSING') } : { status: 200, body: { data: [{ ...refund('FAILED'), refundNo: 'R0' }, refund(n < 2 ? 'PROCESSING' : 'SUCCEEDED')] } },
    );
    const settled = await payee.payments.refundAndWait('P1', { amount: 100 });
    assert.equal(settled.refundNo, 'R1');
    assert.equal(settled.status, 'SUCCEEDED');
  });
});
