import { describe, expect, it } from 'vitest';
import { HookError } from './http.ts';
import { chinaDay, encodeGbk, Plants, yuan, type BillTrade } from './statements.ts';

const at = (iso: string) => new Date(iso);
const trade = (outTradeNo: string, overrides: Partial<BillTrade> = {}): BillTrade => ({
  outTradeNo, tradeNo: `T${outTradeNo}`, subject: 's', total: 1000, createdAt: at('2026-11-24T01:00:00Z'), paidAt: at('2026-11-24T02:00:00Z'), refunds: [], ...overrides,
});

describe('sandbox statements', () => {
  it("rows: the China day's payments and refunds, with plants applied", () => {
    const plants = new Plants();
    const when = at('2026-11-24T03:00:00Z');
    plants.add({ merchant: 'm', outTradeNo: 'amount', amount: 999, at: when });
    plants.add({ merchant: 'm', outTradeNo: 'omitted', status: 'OMITTED', at: when });
    plants.add({ merchant: 'm', outTradeNo: 'unpaid', status: 'PAID', at: when });
    plants.add({ merchant: 'm', outTradeNo: 'refunded', status: 'REFUNDED', at: when });
    plants.add({ merchant: 'm', outTradeNo: 'ghost', amount: 50, at: when });
    plants.add({ merchant: 'other', outTradeNo: 'elsewhere', amount: 50, at: when });
    const trades = [
      trade('ok'),
      trade('amount'),
      trade('omitted'),
      trade('unpaid', { paidAt: undefined }),
      trade('refunded', { refunds: [{ refundNo: 'R1', amount: 300, at: at('2026-11-24T02:30:00Z') }] }),
      // 16:00 UTC is the next day in China.
      trade('tomorrow', { paidAt: at('2026-11-24T16:00:00Z') }),
    ];
    const rows = plants.rows('m', trades, '2026-11-24', () => 'NEW');
    expect(rows.map((r) => [r.kind, r.trade.outTradeNo, r.amount])).toEqual([
      ['trade', 'ok', 1000],
      ['trade', 'amount', 999],
      ['trade', 'refunded', 1000],
      ['refund', 'refunded', 300],
      ['trade', 'unpaid', 1000],
      ['refund', 'refunded', 700],
      ['trade', 'ghost', 50],
    ]);
    expect(rows.find((r) => r.trade.outTradeNo === 'ghost')!.trade.tradeNo).toBe('NEW');
  });

  it('plant bodies are validated', () => {
    expect(() => Plants.parse({ outTradeNo: 'x' }, 'm', new Date())).toThrow(HookError);
    expect(() => Plants.parse({ outTradeNo: 'x', amount: 1.5 }, 'm', new Date())).toThrow(/amount/);
    expect(() => Plants.parse({ outTradeNo: 'x', status: 'LOST' }, 'm', new Date())).toThrow(/status/);
    expect(Plants.parse({ outTradeNo: 'x', status: 'OMITTED' }, 'm', at('2026-01-01T00:00:00Z'))).toEqual({ merchant: 'm', outTradeNo: 'x', status: 'OMITTED', amount: undefined, at: at('2026-01-01T00:00:00Z') });
  });

  it('GBK, yuan and China days', () => {
    const text = '支付宝交易号,业务明细（元）#-ab1';
    expect(new TextDecoder('gbk').decode(encodeGbk(text))).toBe(text);
    expect(encodeGbk('业').equals(Buffer.from([0xd2, 0xb5]))).toBe(true);
    expect([yuan(1999), yuan(-500), yuan(7)]).toEqual(['19.99', '-5.00', '0.07']);
    expect(chinaDay(at('2026-11-24T15:59:59Z'))).toBe('2026-11-24');
    expect(chinaDay(at('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });
});
