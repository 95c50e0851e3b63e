import { decodeTime, ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { fromAcpTime, fromTraceTime, orderTime, toAcpTime } from './time.ts';

describe('UnionPay times (GMT+8)', () => {
  it('formats and parses yyyyMMddHHmmss in GMT+8, whatever the process zone', () => {
    expect(toAcpTime(new Date('2019-01-16T09:05:17.999Z'))).toBe('20190116170517');
    expect(fromAcpTime('20190116170517')?.toISOString()).toBe('2019-01-16T09:05:17.000Z');
    expect(toAcpTime(new Date('2019-12-31T16:00:00Z'))).toBe('20200101000000');
  });

  it('refuses times that do not exist or are not 14 digits', () => {
    for (const text of ['20190230120000', '20191316170517', '2019011617051', '2019-01-16 17:05', '201901161705171']) {
      expect(fromAcpTime(text)).toBeUndefined();
    }
  });

  it('traceTime (MMddHHmmss) takes the year of txnTime, or the next one across new year', () => {
    expect(fromTraceTime('0116170557', fromAcpTime('20190116170517')!)?.toISOString()).toBe('2019-01-16T09:05:57.000Z');
    expect(fromTraceTime('0101000010', fromAcpTime('20191231235950')!)?.toISOString()).toBe('2019-12-31T16:00:10.000Z');
    expect(fromTraceTime('1301000010', fromAcpTime('20191231235950')!)).toBeUndefined();
  });

  it('orderTime is the ULID time of a refundNo, so a refund query can name the order', () => {
    const id = ulid();
    expect(orderTime(`R${id}`).getTime()).toBe(decodeTime(id));
    expect(() => orderTime('P-not-a-ulid')).toThrow(/not a payee id/);
    expect(() => orderTime(id)).toThrow(/not a payee id/);
  });
});
