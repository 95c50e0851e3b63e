import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ConflictError, Payee, type Account, type Flow } from '../src/index.ts';
import { apiError, fakeClock, scriptedServer, type Received, type Step } from './scripted-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function setup(script: Step[] | ((req: Received, n: number) => Step)) {
  const server = await scriptedServer(script);
  close = server.close;
  const clock = fakeClock();
  return { payee: new Payee({ apiKey: 'k', baseUrl: server.url, clock }), clock, received: server.received };
}

const balance = { posted: 0, pendingIncoming: 0, pendingOutgoing: 0, available: 0, postedDebits: 0, postedCredits: 0, pendingDebits: 0, pendingCredits: 0 };
const account = (accountId: string): Account => ({ accountId, currency: 'CNY', type: 'liability', overdraftLimit: 0, shards: 1, balance, createdAt: '2026-12-03T00:00:00Z' });
const flow = (flowId: string): Flow => ({ flowId, kind: 'posted', direction: 'credit', amount: 100, currency: 'CNY', accountOut: 'A1', accountRec: 'A2', payNo: 'P1', line: 0, at: '2026-12-03T00:00:00Z' });

describe('accounts', () => {
  it('opens an account with one POST (a null overdraftLimit sent as null), retried with the same key', async () => {
    const { payee, received } = await setup([apiError(503, 'unavailable', 'service_unavailable'), { status: 201, body: account('A1') }]);
    const opened = await payee.accounts.create({ currency: 'CNY', type: 'liability', name: 'wallet', overdraftLimit: null, shards: 4 });
    assert.equal(opened.accountId, 'A1');
    assert.deepEqual(received.map((r) => `${r.method} ${r.url}`), ['POST /live/v1/accounts', 'POST /live/v1/accounts']);
    assert.deepEqual(JSON.parse(received[0]!.body), { currency: 'CNY', type: 'liability', name: 'wallet', overdraftLimit: null, shards: 4 });
    assert.match(received[0]!.headers['idempotency-key'] as string, /^[0-9a-f-]{36}$/);
    assert.equal(received[1]!.headers['idempotency-key'], received[0]!.headers['idempotency-key']);
  });

  it('reads an account and its balance at a time, by path and query', async () => {
    const { payee, received } = await setup([
      { status: 200, body: account('A/1') },
      { status: 200, body: { accountId: 'A/1', currency: 'CNY', at: '2026-12-01T00:00:00Z', posted: 500 } },
    ]);
    await payee.accounts.get('A/1');
    assert.equal((await payee.accounts.balance('A/1', { at: '2026-12-01T00:00:00Z' })).posted, 500);
    assert.deepEqual(received.map((r) => `${r.method} ${r.url}`), ['GET /live/v1/accounts/A%2F1', 'GET /live/v1/accounts/A%2F1/balance?at=2026-12-01T00%3A00%3A00Z']);
  });

  it('listAll and allFlows follow nextCursor across every page', async () => {
    const { payee, received } = await setup((req) => {
      const url = new URL(req.url, 'http://x');
      const more = !url.searchParams.get('cursor');
      if (url.pathname.endsWith('/flows')) return { status: 200, body: more ? { data: [flow('F2')], nextCursor: 'f1' } : { data: [flow('F1')] } };
      return { status: 200, body: more ? { data: [account('A1'), account('A2')], nextCursor: 'c1' } : { data: [account('A3')] } };
    });
    const accounts: string[] = [];
    for await (const a of payee.accounts.listAll({ limit: 2 })) accounts.push(a.accountId);
    const flows: string[] = [];
    for await (const f of payee.accounts.allFlows('A1', { limit: 1 })) flows.push(f.flowId);
    assert.deepEqual(accounts, ['A1', 'A2', 'A3']);
    assert.deepEqual(flows, ['F2', 'F1']);
    assert.deepEqual(received.map((r) => r.url), [
      '/live/v1/accounts?limit=2',
      '/live/v1/accounts?limit=2&cursor=c1',
      '/live/v1/accounts/A1/flows?limit=1',
      '/live/v1/accounts/A1/flows?limit=1&cursor=f1',
    ]);
  });

  it('a ledger that is off is a ConflictError ledger_disabled, not retried', async () => {
    const { payee, received } = await setup([apiError(409, 'conflict', 'ledger_disabled')]);
    const error = await payee.accounts.create({ currency: 'CNY', type: 'asset' }).catch((e: unknown) => e);
    assert.ok(error instanceof ConflictError);
    assert.equal(error.code, 'ledger_disabled');
    assert.equal(received.length, 1);
  });
});
