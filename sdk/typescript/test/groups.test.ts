import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ConflictError, NotFoundError, Payee, type CreateGroupRequest, type Group, type GroupSummary } from '../src/index.ts';
import { apiError, fakeClock, scriptedServer, type Received, type Step } from './scripted-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function setup(script: Step[] | ((req: Received, n: number) => Step)) {
  const server = await scriptedServer(script);
  close = server.close;
  const clock = fakeClock();
  return { payee: new Payee({ apiKey: 'k', baseUrl: server.url, clock }), clock, received: server.received };
}

const batch: CreateGroupRequest = {
  mode: 'batch',
  method: 'alipay.qr',
  members: [
    { outTradeNo: 'A1', subject: 'Tea', amount: 1000, currency: 'CNY', details: [{ accountOut: 'buyer', accountRec: 'shop-1', amount: 900 }, { accountOut: 'buyer', accountRec: 'fees', amount: 100, memo: 'fee' }] },
    { outTradeNo: 'A2', subject: 'Cup', amount: 500, currency: 'CNY', method: 'wechat.native' },
  ],
};
const group = (groupNo: string, extra: Partial<Group> = {}) =>
  ({ groupNo, mode: 'batch', status: 'open', memberCount: 2, createdAt: '2026-12-03T00:00:00Z', updatedAt: '2026-12-03T00:00:00Z', members: [], ...extra }) as Group;

describe('groups', () => {
  it('creates a group with one POST carrying the members and their detail lines as given', async () => {
    const { payee, received } = await setup([{ status: 201, body: group('G1') }]);
    assert.equal((await payee.groups.create(batch)).groupNo, 'G1');
    const [req] = received;
    assert.equal(req!.method, 'POST');
    assert.equal(req!.url, '/live/v1/groups');
    assert.equal(req!.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req!.body), batch);
  });

  it('retries a create the provider could not answer with the same Idempotency-Key and body', async () => {
    const { payee, clock, received } = await setup([{ ...apiError(503, 'provider', 'provider_unavailable'), headers: { 'retry-after': '1' } }, { status: 201, body: group('G1') }]);
    await payee.groups.create(batch);
    assert.deepEqual(clock.sleeps, [1000]);
    assert.equal(received.length, 2);
    assert.match(received[0]!.headers['idempotency-key'] as string, /^[0-9a-f-]{36}$/);
    assert.equal(received[1]!.headers['idempotency-key'], received[0]!.headers['idempotency-key']);
    assert.equal(received[1]!.body, received[0]!.body);
  });

  it("sends the caller's own key on close and sync too, and reads a group by its number", async () => {
    const { payee, received } = await setup([
      { status: 200, body: group('G/1') },
      { status: 200, body: group('G/1', { status: 'closed' }) },
      { status: 202, body: { group: group('G/1'), members: [{ payNo: 'P1', provider: 'PENDING' }] } },
    ]);
    await payee.groups.get('G/1');
    assert.equal((await payee.groups.close('G/1', { idempotencyKey: 'close-G1' })).status, 'closed');
    assert.equal((await payee.groups.sync('G/1')).members[0]!.provider, 'PENDING');
    assert.deepEqual(received.map((r) => `${r.method} ${r.url}`), ['GET /live/v1/groups/G%2F1', 'POST /live/v1/groups/G%2F1/close', 'POST /live/v1/groups/G%2F1/sync']);
    assert.equal(received[0]!.headers['idempotency-key'], undefined);
    assert.equal(received[1]!.headers['idempotency-key'], 'close-G1');
    assert.match(received[2]!.headers['idempotency-key'] as string, /^[0-9a-f-]{36}$/);
  });

  it('listAll follows nextCursor across every page, keeping the page size', async () => {
    const summary = (groupNo: string) => ({ groupNo, mode: 'batch', status: 'open', memberCount: 1, createdAt: 'x', updatedAt: 'x' }) as GroupSummary;
    const pages: Record<string, { data: GroupSummary[]; nextCursor?: string }> = {
      '': { data: [summary('G3'), summary('G2')], nextCursor: 'c1' },
      c1: { data: [summary('G1')] },
    };
    const { payee, received } = await setup((req) => ({ status: 200, body: pages[new URL(req.url, 'http://x').searchParams.get('cursor') ?? '']! }));
    const seen: string[] = [];
    for await (const g of payee.groups.listAll({ limit: 2 })) seen.push(g.groupNo);
    assert.deepEqual(seen, ['G3', 'G2', 'G1']);
    assert.deepEqual(received.map((r) => r.url), ['/live/v1/groups?limit=2', '/live/v1/groups?limit=2&cursor=c1']);
  });

  it('maps group_not_closable to a ConflictError (not retried) and an unknown group to NotFoundError', async () => {
    const { payee, received } = await setup([apiError(409, 'conflict', 'group_not_closable'), apiError(404, 'not_found', 'resource_missing')]);
    const closed = await payee.groups.close('G1').catch((e: unknown) => e);
    assert.ok(closed instanceof ConflictError);
    assert.deepEqual([closed.status, closed.code], [409, 'group_not_closable']);
    await assert.rejects(payee.groups.get('G0'), NotFoundError);
    assert.equal(received.length, 2);
  });
});

describe('detail lines', () => {
  it('a payment create sends its details and reads them back typed', async () => {
    const details = [{ accountOut: 'buyer', accountRec: 'shop', amount: 1999, memo: 'order A1' }];
    const { payee, received } = await setup((req) => ({ status: 201, body: { payNo: 'P1', status: 'PENDING', ...JSON.parse(req.body) } }));
    const created = await payee.payments.create({ method: 'alipay.qr', outTradeNo: 'A1', subject: 'T-shirt', amount: 1999, currency: 'CNY', details });
    assert.deepEqual(JSON.parse(received[0]!.body).details, details);
    assert.deepEqual(created.details, details);
  });
});
