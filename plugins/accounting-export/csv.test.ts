import { describe, expect, it } from 'vitest';
import type { PayeeEvent } from '../../lib/events/event-types.ts';
import { csvRows } from '../../lib/statements/csv.ts';
import { appended, fileOf } from './csv.ts';

const paid: PayeeEvent = {
  id: 'P1.payment.succeeded.v2', type: 'payment.succeeded', occurredAt: '2026-11-24T17:00:00.000Z', companyId: 'C1', channel: 'alipay', method: 'alipay.qr',
  status: 'SUCCEEDED', amount: 1999, currency: 'CNY', data: { payNo: 'P1', outTradeNo: 'A,"1"', providerTradeNo: 'T1' },
};
const refunded: PayeeEvent = { ...paid, id: 'R1.refund.succeeded', type: 'refund.succeeded', amount: 500, data: { payNo: 'P1', refundNo: 'R1' } };

describe('accounting export CSV', () => {
  it("files an event under its company's China day (UTC+8)", () => {
    expect(fileOf('accounting/', paid)).toBe('accounting/C1/2026-11-25.csv');
  });

  it('appends new events once, refunds negative, fields quoted where they must be', () => {
    const first = appended(undefined, [paid]);
    const again = appended(first, [paid, refunded, refunded]);
    const rows = csvRows(again);
    expect(rows.map((r) => [r[0], r[2], r[5], r[8]])).toEqual([
      ['eventId', 'kind', 'outTradeNo', 'amount'],
      ['P1.payment.succeeded.v2', 'payment', 'A,"1"', '19.99'],
      ['R1.refund.succeeded', 'refund', '', '-5.00'],
    ]);
    expect(again.startsWith(first)).toBe(true);
  });
});
