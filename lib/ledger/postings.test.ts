import { describe, expect, it } from 'vitest';
import type { Payment } from '../domain/payment.ts';
import type { Account } from './account.ts';
import { ledgerItems } from './ledger-items.ts';
import { postingsFor } from './postings.ts';

const payment = (over: Partial<Payment> = {}): Payment => ({
  payNo: 'P1', companyId: 'C1', payId: 'cfg', channel: 'alipay', method: 'alipay.qr', outTradeNo: 'o', subject: 's',
  amount: 100, orderAmount: 100, currency: 'CNY', status: 'CREATED', refundableAmount: 0, version: 1,
  expiresAt: '2026-12-03T10:00:00.000Z', createdAt: '2026-12-03T09:00:00.000Z', updatedAt: '2026-12-03T09:00:00.000Z',
  ledger: true,
  details: [
    { accountOut: 'Aclear', accountRec: 'Aseller', amount: 70 },
    { accountOut: 'Aclear', accountRec: 'Aplatform', amount: 30 },
  ],
  ...over,
});
const account = (accountId: string, type: Account['type'], overdraftLimit: number | null, shards = 1): Account => ({
  accountId, companyId: 'C1', currency: 'CNY', type, overdraftLimit, shards, createdAt: '2026-12-03T09:00:00.000Z',
});
const accounts = new Map([
  ['Aclear', account('Aclear', 'asset', null)],
  ['Aseller', account('Aseller', 'liability', 0)],
  ['Aplatform', account('Aplatform', 'liability', null, 8)],
]);
const kinds = (before: Payment | undefined, after: Payment) => postingsFor(before, after).map((p) => `${p.flowId}:${p.amount}`);

describe('postingsFor', () => {
  it('holds every line at create, posts them on success, voids them on close, once each with fixed ids', () => {
    const created = payment();
    expect(kinds(undefined, created)).toEqual(['P1.00.pending:70', 'P1.01.pending:30']);
    const paid = payment({ status: 'SUCCEEDED', version: 2 });
    expect(kinds(payment({ status: 'PENDING' }), paid)).toEqual(['P1.00.post:70', 'P1.01.post:30']);
    expect(kinds(payment({ status: 'PENDING' }), payment({ status: 'CLOSED' }))).toEqual(['P1.00.void:70', 'P1.01.void:30']);
    expect(kinds(created, payment({ status: 'FAILED' }))).toEqual(['P1.00.void:70', 'P1.01.void:30']);
    // Paid after it closed: the holds were voided, so the lines post at once.
    expect(kinds(payment({ status: 'CLOSED' }), paid)).toEqual(['P1.00.late:70', 'P1.01.late:30']);
    // Nothing else moves money.
    expect(kinds(created, payment({ status: 'PENDING' }))).toEqual([]);
    expect(kinds(undefined, payment({ ledger: undefined }))).toEqual([]);
  });

  it('reverses refunds from accountRec to accountOut, filling the lines in order', () => {
    const paid = payment({ status: 'SUCCEEDED' });
    const first = postingsFor(paid, payment({ status: 'PARTIALLY_REFUNDED', refundedAmount: 60 }), 'R1');
    expect(first.map((p) => [p.flowId, p.accountOut, p.accountRec, p.amount])).toEqual([['R1.00', 'Aseller', 'Aclear', 60]]);
    const second = postingsFor(payment({ status: 'PARTIALLY_REFUNDED', refundedAmount: 60 }), payment({ status: 'REFUNDED', refundedAmount: 100 }), 'R2');
    expect(second.map((p) => [p.flowId, p.amount])).toEqual([['R2.00', 10], ['R2.01', 30]]);
  });
});

describe('ledgerItems', () => {
  it('writes each flow under both accounts and one ADD per balance item, debits equal to credits', () => {
    const { puts, updates } = ledgerItems('T', postingsFor(undefined, payment()), accounts);
    expect(puts).toHaveLength(4);
    // Aclear once (both lines on one item), Aseller, and Aplatform's shard.
    expect(updates.map((u) => u.accountId).sort()).toEqual(['Aclear', 'Aplatform', 'Aseller']);
    const values = (id: string) => updates.find((u) => u.accountId === id)!.Update.ExpressionAttributeValues as unknown as Record<string, number>;
    expect(values('Aclear')[':qd']).toBe(100);
    expect(values('Aseller')[':qc']! + values('Aplatform')[':qc']!).toBe(100);
    // Increases are not held from available; the asset debited grows, so nothing is held either.
    expect(updates.every((u) => !('ConditionExpression' in u.Update))).toBe(true);
  });

  it('checks a hold that lowers a limited account against its overdraft rule', () => {
    const transfer = payment({ details: [{ accountOut: 'Aseller', accountRec: 'Aplatform', amount: 100 }] });
    const { updates } = ledgerItems('T', postingsFor(undefined, transfer), accounts);
    const seller = updates.find((u) => u.accountId === 'Aseller')!.Update;
    expect(seller.ConditionExpression).toBe('avail >= :need');
    expect(seller.ExpressionAttributeValues).toMatchObject({ ':need': 100, ':avail': -100, ':qd': 100 });
    // Posting it moves pending to posted; available was already lowered.
    const posted = ledgerItems('T', postingsFor(transfer, { ...transfer, status: 'SUCCEEDED' }), accounts).updates.find((u) => u.accountId === 'Aseller')!.Update;
    expect(posted.ExpressionAttributeValues).toMatchObject({ ':qd': -100, ':pd': 100 });
    expect(posted.ExpressionAttributeValues).not.toHaveProperty(':avail');
  });
});
