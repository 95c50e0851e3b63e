/**
 * UnionPay's clock: `txnTime` / `payTimeout` are `yyyyMMddHHmmss` and `traceTime` `MMddHHmmss`,
 * all GMT+8 (PROTOCOLS.md §5), computed from the instant, never the process time zone.
 */
import { InvalidRequest } from '../../domain/errors.ts';

const GMT8_MS = 8 * 60 * 60 * 1000;

export function toAcpTime(instant: Date): string {
  return new Date(instant.getTime() + GMT8_MS).toISOString().slice(0, 19).replace(/\D/g, '');
}

export function fromAcpTime(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const instant = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  // Date rolls 02-30 over to 03-02: a time that does not round-trip does not exist.
  return !Number.isNaN(instant.getTime()) && toAcpTime(instant) === text ? instant : undefined;
}

/**
 * `traceTime` (MMddHHmmss, when UnionPay processed the payment) has no year: it is the first such
 * moment at or after the order's txnTime, within a year.
 */
export function fromTraceTime(traceTime: string, txnTime: Date): Date | undefined {
  if (!/^\d{10}$/.test(traceTime)) return undefined;
  const year = Number(toAcpTime(txnTime).slice(0, 4));
  for (const y of [year, year + 1]) {
    const instant = fromAcpTime(`${y}${traceTime}`);
    // A minute of slack: the two clocks are UnionPay's, but txnTime is the merchant's.
    if (instant && instant.getTime() >= txnTime.getTime() - 60_000) return instant;
  }
  return undefined;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The `txnTime` of a refund (its orderId is the refundNo, `R` and a ULID): the ULID's millisecond
 * timestamp. UnionPay identifies an order by orderId AND txnTime — a refund query needs both — and
 * channel.queryRefund gets only the refundNo, so txnTime must be a function of it; a retried refund
 * then also repeats the same order instead of starting a second one. A payment's txnTime is its
 * createdAt, which create and query are given (a payNo is derived from the outTradeNo, not a ULID).
 */
export function orderTime(id: string): Date {
  if (!/^[A-Z][0-9A-HJKMNP-TV-Z]{26}$/.test(id)) {
    throw new InvalidRequest('invalid_order_id', `${id} is not a payee id (a letter and a ULID): UnionPay needs its txnTime`);
  }
  let ms = 0;
  for (const c of id.slice(1, 11)) ms = ms * 32 + CROCKFORD.indexOf(c);
  return new Date(ms);
}
