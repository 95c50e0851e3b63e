/**
 * The account ledger (issue 13) on a running deployment: detail lines post pending flows at create,
 * posted flows when the provider's success is applied (callbacks duplicated and reordered), voided
 * ones at close and reversing ones at refund; every account's balance is the sum of its posted
 * flows and debits equal credits; the day's statement reconciliation proves the posted flows equal
 * the paid amounts and the statement's. balance.transfer drains an account concurrently without
 * ever passing its overdraft rule; what it refuses changes nothing. Accounts are opened once per
 * Idempotency-Key and listed newest first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { adminRequest } from '../cli/client.ts';
import type { Merchant } from '../infra/local/merchants.ts';
import { deliverAlipayNotify, eventually, paymentOf, sandboxPost } from './support/callbacks.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../infra/local/target.ts';
import { chinaDayOf } from '../lib/statements/china-day.ts';
import { eachInPool } from './support/pool.ts';
import { call, companyItems, invokeFunction, newMerchant, sampleBody, target } from './support/target.ts';

const hasSandbox = !!target().sandbox;

async function switchLedger(companyId: string, enabled: boolean) {
  const t = target();
  await adminRequest({ apiUrl: t.apiUrl, region: t.region, credentials: t.admin! }, 'PUT', `/v1/admin/companies/${companyId}/ledger`, { enabled });
}

async function openAccount(merchant: Merchant, body: Record<string, unknown>): Promise<string> {
  const res = await call(merchant.apiKey, 'POST', '/v1/accounts', { body: { currency: 'CNY', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.accountId;
}

const accountOf = async (merchant: Merchant, id: string) => (await call(merchant.apiKey, 'GET', `/v1/accounts/${id}`)).body;

/** Every flow of the account, page by page. */
async function flowsOf(merchant: Merchant, id: string): Promise<any[]> {
  const flows: any[] = [];
  let cursor: string | undefined;
  do {
    const res = await call(merchant.apiKey, 'GET', `/v1/accounts/${id}/flows?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    flows.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return flows;
}

/** The posted balance its flows add up to, in the account type's sense. */
const postedOf = (type: string, flows: any[]) =>
  flows
    .filter((f) => f.kind === 'post' || f.kind === 'posted')
    .reduce((s, f) => s + ((type === 'liability') === (f.direction === 'credit') ? f.amount : -f.amount), 0);

/** A POST sent again after a 502/503, as the API asks (the machine may be loaded): with an Idempotency-Key where it takes one. */
async function post(merchant: Merchant, path: string, body?: Record<string, unknown>, key?: string) {
  for (let attempt = 0; ; attempt++) {
    const res = await call(merchant.apiKey, 'POST', path, { body, headers: key ? { 'Idempotency-Key': key } : {} });
    if ((res.status !== 502 && res.status !== 503) || attempt === 5) return res;
  }
}

/** Runs `tasks` `width` at a time. */
const runInPool = <T>(width: number, tasks: (() => Promise<T>)[]) => eachInPool(tasks, width, (run) => run());

const createPayment = (merchant: Merchant, body: Record<string, unknown>) => post(merchant, '/v1/payments', body, `ledger-${body.outTradeNo}`);

describe.skipIf(!hasSandbox || !target().admin)('the account ledger', () => {
  let merchant: Merchant;
  let clearing: string;
  let sellerA: string;
  let sellerB: string;
  let platform: string;
  /** The China day and the payments the 200-payment test paid, for the ledger proof. */
  let proved: { day: string; paid: { payNo: string; amount: number }[] } | undefined;
  beforeAll(async () => {
    merchant = await newMerchant('ledger');
    await switchLedger(merchant.companyId, true);
    // Debited by every payment: a hot account, spread over shards.
    clearing = await openAccount(merchant, { type: 'asset', name: 'Alipay clearing', overdraftLimit: null, shards: 8 });
    sellerA = await openAccount(merchant, { type: 'liability', name: 'seller A' });
    sellerB = await openAccount(merchant, { type: 'liability', name: 'seller B' });
    platform = await openAccount(merchant, { type: 'liability', name: 'platform fees', overdraftLimit: null, shards: 8 });
  });

  it('opens an account once per Idempotency-Key: the same body answers it again, another body is refused, concurrent ones open one', async () => {
    const body = { currency: 'CNY', type: 'liability', name: 'keyed' };
    const send = (key: string, b: Record<string, unknown>) => call(merchant.apiKey, 'POST', '/v1/accounts', { body: b, headers: { 'Idempotency-Key': key } });
    const first = await send('acct-1', body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await send('acct-1', body);
    expect([again.status, again.headers.get('idempotent-replayed'), again.body.accountId]).toEqual([201, 'true', first.body.accountId]);
    const other = await send('acct-1', { ...body, name: 'another' });
    expect([other.status, other.body.error?.code, other.body.error?.param]).toEqual([422, 'idempotency_key_reused', 'Idempotency-Key']);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => send('acct-2', body)));
    expect(concurrent.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(concurrent.map((r) => r.body.accountId)).size).toBe(1);
    expect(concurrent.filter((r) => r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    const bad = await send('key with spaces', body);
    expect([bad.status, bad.body.error?.param]).toEqual([400, 'Idempotency-Key']);
  });

  it('lists accounts newest first, page by page, like every other list', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(merchant.apiKey, 'GET', `/v1/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.data.map((a: { accountId: string }) => a.accountId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(ids.slice(-4)).toEqual([platform, sellerB, sellerA, clearing]);
    expect((await call(merchant.apiKey, 'GET', '/v1/accounts?limit=0')).body.error).toMatchObject({ code: 'parameter_invalid', param: 'limit' });
  });

  it('refuses bad lines with a 400 naming the field, and stores nothing', async () => {
    const other = await newMerchant('ledger-other');
    await switchLedger(other.companyId, true);
    const foreign = await openAccount(other, { type: 'liability' });
    const usd = await openAccount(merchant, { type: 'liability', currency: 'USD' });
    const before = await companyItems(merchant.companyId);
    const cases: [unknown[], number, string, string][] = [
      [[{ accountOut: clearing, accountRec: sellerA, amount: 100 }], 400, 'details', 'parameter_invalid'],
      [[{ accountOut: clearing, accountRec: 'A01KBZZZZZZZZZZZZZZZZZZZZZ', amount: 300 }], 400, 'details.0.accountRec', 'account_not_found'],
      [[{ accountOut: clearing, accountRec: sellerA, amount: 100 }, { accountOut: foreign, accountRec: sellerA, amount: 200 }], 400, 'details.1.accountOut', 'account_not_found'],
      [[{ accountOut: clearing, accountRec: usd, amount: 300 }], 400, 'details.0.accountRec', 'currency_mismatch'],
    ];
    for (const [details, status, param, code] of cases) {
      const res = await call(merchant.apiKey, 'POST', '/v1/payments', { body: sampleBody({ amount: 300, details }) });
      expect([res.status, res.body.error?.param, res.body.error?.code]).toEqual([status, param, code]);
    }
    expect(await companyItems(merchant.companyId)).toEqual(before);
    // A transfer needs the ledger; an account needs it too.
    const off = await newMerchant('ledger-off');
    const transfer = await call(off.apiKey, 'POST', '/v1/payments', { body: sampleBody({ method: 'balance.transfer', amount: 5, details: [{ accountOut: 'a', accountRec: 'b', amount: 5 }] }) });
    expect([transfer.status, transfer.body.error.code]).toEqual([409, 'ledger_disabled']);
    expect((await call(off.apiKey, 'POST', '/v1/accounts', { body: { currency: 'CNY', type: 'asset' } })).status).toBe(409);
  });

  it('200 payments of 3 lines, callbacks duplicated and reordered, some closed and one refunded: balances = posted flows = expected, debits = credits', async () => {
    const N = 200;
    const lines = (i: number) => [
      { accountOut: clearing, accountRec: sellerA, amount: 100 + i },
      { accountOut: clearing, accountRec: sellerB, amount: 50 },
      { accountOut: clearing, accountRec: platform, amount: 7, memo: 'fee' },
    ];
    const created = await runInPool(10, Array.from({ length: N }, (_, i) => async () => {
      const res = await createPayment(merchant, sampleBody({ amount: 157 + i, details: lines(i) }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.details).toEqual(lines(i));
      return res.body as { payNo: string; amount: number };
    }));
    // Held while pending: nothing posted yet.
    const held = await accountOf(merchant, sellerA);
    expect(held.balance).toMatchObject({ posted: 0, pendingIncoming: created.reduce((s, _, i) => s + 100 + i, 0) });

    const closed = new Set(created.filter((_, i) => i % 10 === 0).map((p) => p.payNo));
    // The payment refunded below must stay refundable at the sandbox, as at Alipay: TRADE_SUCCESS
    // only, since a TRADE_FINISHED trade takes no refund.
    const refundable = created.find((p) => !closed.has(p.payNo))!.payNo;
    await runInPool(10, created.map((p) => async () => {
      if (closed.has(p.payNo)) {
        expect((await post(merchant, `/v1/payments/${p.payNo}/close`)).status).toBe(200);
        return;
      }
      const bodies: string[] = [];
      for (const status of p.payNo === refundable ? ['TRADE_SUCCESS'] : ['TRADE_SUCCESS', 'TRADE_FINISHED']) {
        bodies.push((await sandboxPost(`/sandbox/trades/${p.payNo}/notifications`, { tradeStatus: status, send: false })).body);
      }
      // Reordered (FINISHED first) and duplicated.
      for (const body of [bodies.at(-1)!, bodies[0]!, bodies.at(-1)!, bodies[0]!]) expect((await deliverAlipayNotify(merchant.payId, body)).status).toBe(200);
    }));
    const paid = created.filter((p) => !closed.has(p.payNo));
    // The ones not settled yet are asked again, a few at a time.
    let open = created.map((p) => p.payNo);
    await eventually(
      async () => {
        const now = await runInPool(5, open.map((payNo) => () => paymentOf(merchant, payNo)));
        open = open.filter((payNo, i) => now[i]?.status !== (closed.has(payNo) ? 'CLOSED' : 'SUCCEEDED'));
        return open;
      },
      (left) => left.length === 0,
      180_000,
    );
    // A partial refund of the first paid payment reverses its first line.
    const refunded = paid[0]!;
    const refund = await post(merchant, `/v1/payments/${refunded.payNo}/refunds`, { amount: 60 }, `ledger-refund-${refunded.payNo}`);
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    await eventually(() => paymentOf(merchant, refunded.payNo), (p) => p.status === 'PARTIALLY_REFUNDED', 20_000);

    const index = (payNo: string) => created.findIndex((p) => p.payNo === payNo);
    const sum = (f: (i: number) => number) => paid.reduce((s, p) => s + f(index(p.payNo)), 0);
    const expected: Record<string, number> = {
      [clearing]: sum((i) => 157 + i) - 60,
      [sellerA]: sum((i) => 100 + i) - 60,
      [sellerB]: sum(() => 50),
      [platform]: sum(() => 7),
    };
    let debits = 0;
    let credits = 0;
    for (const [id, total] of Object.entries(expected)) {
      const account = await accountOf(merchant, id);
      const flows = await flowsOf(merchant, id);
      expect(account.balance, id).toMatchObject({ posted: total, pendingIncoming: 0, pendingOutgoing: 0, available: total });
      expect(postedOf(account.type, flows), id).toBe(total);
      // Every flow id once: pending, then post or void, per line; one reversal.
      expect(new Set(flows.map((f) => f.flowId)).size, id).toBe(flows.length);
      debits += account.balance.postedDebits;
      credits += account.balance.postedCredits;
    }
    expect(debits).toBe(credits);
    const clearingFlows = await flowsOf(merchant, clearing);
    expect(clearingFlows.filter((f) => f.kind === 'pending')).toHaveLength(3 * N);
    expect(clearingFlows.filter((f) => f.kind === 'post')).toHaveLength(3 * paid.length);
    expect(clearingFlows.filter((f) => f.kind === 'void')).toHaveLength(3 * closed.size);
    // The balance before anything was paid: zero.
    const at = (await call(merchant.apiKey, 'GET', `/v1/accounts/${sellerB}/balance?at=${encodeURIComponent('2020-01-01T00:00:00Z')}`)).body;
    expect(at).toMatchObject({ accountId: sellerB, posted: 0 });
    proved = { day: chinaDayOf(new Date()), paid: paid.map((p) => ({ payNo: p.payNo, amount: p.amount })) };
  }, 420_000);

  it("proves the day's ledger in the statement reconciliation: posted flows = paid amounts = the statement's; a lost posting is a ledger_differs", async () => {
    expect(proved, 'the 200 payments ran').toBeDefined();
    const { day, paid } = proved!;
    const reconcile = async () => {
      const run = (await invokeFunction('StatementReconciler', { day, payId: merchant.payId })) as { results: { outcome: string }[] };
      expect(run.results, JSON.stringify(run.results)).toMatchObject([{ outcome: 'completed' }]);
      const res = await call(merchant.apiKey, 'GET', `/v1/reports/reconciliation?day=${day}&payId=${merchant.payId}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data[0];
    };
    const total = paid.reduce((s, p) => s + p.amount, 0);
    const report = await reconcile();
    expect(report.ledger).toEqual({ payments: paid.length, paid: total, posted: total, statement: total });
    expect(report.differences.filter((d: { kind: string }) => d.kind === 'ledger_differs')).toEqual([]);

    // A posting lost behind the API's back (the debit side of one line's post flow) is caught.
    const lost = paid.at(-1)!;
    const t = target();
    const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(t, 'dynamodb')));
    const { Items = [] } = await ddb.send(
      new QueryCommand({ TableName: t.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `PAYF#${lost.payNo}` } }),
    );
    const post = Items.find((i) => String(i.GSI1SK).endsWith('.02.post'))!;
    expect(post, JSON.stringify(Items)).toBeDefined();
    await ddb.send(new DeleteCommand({ TableName: t.tableName, Key: { PK: post.PK, SK: post.SK } }));
    const after = await reconcile();
    expect(after.ledger).toEqual({ payments: paid.length, paid: total, posted: total - 7, statement: total });
    expect(after.differences.filter((d: { kind: string }) => d.kind === 'ledger_differs')).toEqual([
      expect.objectContaining({ kind: 'ledger_differs', payNo: lost.payNo, ledger: { posted: lost.amount - 7 }, local: expect.objectContaining({ amount: lost.amount }) }),
    ]);
  }, 120_000);

  it('100 concurrent balance.transfers draining one account: never below its limit, the refused change nothing', async () => {
    const wallet = await openAccount(merchant, { type: 'liability', name: 'wallet', overdraftLimit: 100 });
    const shop = await openAccount(merchant, { type: 'liability', name: 'shop' });
    const transfer = async (from: string, to: string, amount: number) => {
      const body = sampleBody({ method: 'balance.transfer', subject: 'transfer', amount, details: [{ accountOut: from, accountRec: to, amount }] });
      return { ...(await createPayment(merchant, body)), outTradeNo: body.outTradeNo };
    };
    const funding = await transfer(clearing, wallet, 1000);
    expect(funding.status, JSON.stringify(funding.body)).toBe(201);
    expect(funding.body).toMatchObject({ status: 'SUCCEEDED', channel: 'balance', refundableAmount: 1000 });

    // 100 transfers, 20 in flight at once: every one contends for the wallet's one balance item.
    const replies = await runInPool(20, Array.from({ length: 100 }, () => () => transfer(wallet, shop, 15)));
    const ok = replies.filter((r) => r.status === 201);
    const refused = replies.filter((r) => r.status !== 201);
    // 1,000 plus an overdraft of 100 is 73 transfers of 15.
    expect(ok).toHaveLength(73);
    expect(refused.map((r) => [r.status, r.body.error?.code]).filter(([status, code]) => status !== 409 || code !== 'insufficient_funds')).toEqual([]);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'insufficient_funds' && r.body.error.param === 'details.0.accountOut')).toBe(true);
    for (const r of ok) expect(r.body.status).toBe('SUCCEEDED');
    expect((await accountOf(merchant, wallet)).balance).toMatchObject({ posted: 1000 - 73 * 15, pendingOutgoing: 0, available: -95 });
    expect((await accountOf(merchant, shop)).balance).toMatchObject({ posted: 73 * 15 });
    // Nothing of a refused transfer was stored: its outTradeNo is free.
    for (const r of refused.slice(0, 5)) {
      expect((await call(merchant.apiKey, 'GET', `/v1/payments?outTradeNo=${r.outTradeNo}`)).body.data).toEqual([]);
    }
    // Pending and post of the funding and of each transfer made.
    expect(await flowsOf(merchant, wallet)).toHaveLength(2 + 73 * 2);
  }, 120_000);
});
