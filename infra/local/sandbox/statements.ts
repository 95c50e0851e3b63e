/**
 * What the Alipay and WeChat sandboxes share to serve daily statements: the day's rows built from
 * their own trades (China Standard Time days), differences planted by tests, and the byte-level
 * helpers their formats need (a ZIP writer, a GBK encoder). Written independently of lib/statements
 * so that the two check each other.
 */
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { HookError } from './http.ts';

/** A trade as a statement needs it, whatever the sandbox. Amounts in fen. */
export interface BillTrade {
  outTradeNo: string;
  tradeNo: string;
  subject: string;
  total: number;
  createdAt: Date;
  paidAt?: Date;
  /** Refunds that moved money; `refundId` is the provider's number of it, where it has one. */
  refunds: { refundNo: string; refundId?: string; amount: number; at: Date }[];
}

export interface BillRow {
  kind: 'trade' | 'refund';
  trade: BillTrade;
  /** Fen: what was paid (trade) or refunded (refund). */
  amount: number;
  at: Date;
  refundNo?: string;
  refundId?: string;
}

/**
 * A difference a test plants in the provider's books: for a trade the sandbox has, another amount,
 * a payment the sandbox never saw (PAID), a full refund (REFUNDED) or no row at all (OMITTED); for
 * an out_trade_no it does not have, a paid trade nobody created.
 */
export interface Plant {
  merchant: string;
  outTradeNo: string;
  amount?: number;
  status?: 'PAID' | 'REFUNDED' | 'OMITTED';
  at: Date;
}

const STATUSES = ['PAID', 'REFUNDED', 'OMITTED'] as const;

/** `yyyy-mm-dd` of an instant in China Standard Time. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export class Plants {
  readonly #plants = new Map<string, Plant>();

  /** Validates a plant hook's body: {merchant, outTradeNo, amount?: fen, status?}. */
  static parse(body: Record<string, unknown>, merchant: string, now: Date): Plant {
    const { outTradeNo, amount, status } = body;
    if (typeof outTradeNo !== 'string' || outTradeNo === '') throw new HookError(400, 'outTradeNo is required');
    if (amount !== undefined && !(Number.isSafeInteger(amount) && (amount as number) > 0)) throw new HookError(400, 'amount must be a positive integer (fen)');
    if (status !== undefined && !STATUSES.includes(status as Plant['status'] & string)) throw new HookError(400, `status: ${STATUSES.join('|')}`);
    if (amount === undefined && status === undefined) throw new HookError(400, 'plant an amount, a status, or both');
    return { merchant, outTradeNo, amount: amount as number | undefined, status: status as Plant['status'], at: now };
  }

  add(plant: Plant): void {
    this.#plants.set(`${plant.merchant}/${plant.outTradeNo}`, plant);
  }

  /**
   * The statement rows of `day` for one merchant's trades, with its plants applied. `newTradeNo`
   * numbers a planted trade the sandbox never had.
   */
  rows(merchant: string, trades: BillTrade[], day: string, newTradeNo: (at: Date) => string): BillRow[] {
    const known = new Set(trades.map((t) => t.outTradeNo));
    const all = trades.map((trade) => ({ trade, plant: this.#plants.get(`${merchant}/${trade.outTradeNo}`) }));
    for (const plant of this.#plants.values()) {
      if (plant.merchant !== merchant || known.has(plant.outTradeNo)) continue;
      if (plant.amount === undefined) continue;
      const phantom: BillTrade = { outTradeNo: plant.outTradeNo, tradeNo: newTradeNo(plant.at), subject: 'planted', total: plant.amount, createdAt: plant.at, paidAt: plant.at, refunds: [] };
      all.push({ trade: phantom, plant });
    }
    const rows: BillRow[] = [];
    for (const { trade, plant } of all) {
      if (plant?.status === 'OMITTED') continue;
      const paidAt = trade.paidAt ?? (plant?.status ? plant.at : undefined);
      if (!paidAt) continue;
      const total = plant?.amount ?? trade.total;
      rows.push({ kind: 'trade', trade, amount: total, at: paidAt });
      for (const refund of trade.refunds) rows.push({ kind: 'refund', trade, amount: refund.amount, at: refund.at, refundNo: refund.refundNo, refundId: refund.refundId });
      if (plant?.status === 'REFUNDED') {
        const refunded = trade.refunds.reduce((sum, r) => sum + r.amount, 0);
        if (total > refunded) rows.push({ kind: 'refund', trade, amount: total - refunded, at: plant.at, refundNo: `planted${plant.at.getTime()}` });
      }
    }
    return rows.filter((row) => chinaDay(row.at) === day).sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}

/** Download tokens valid for a short while (Alipay: 30 s), each naming the file built when it was issued. */
export class Downloads {
  readonly #files = new Map<string, { bytes: Buffer; expires: number }>();

  issue(bytes: Buffer, now: Date, ttlMs: number): string {
    for (const [token, file] of this.#files) if (file.expires <= now.getTime()) this.#files.delete(token);
    const token = randomBytes(16).toString('hex');
    this.#files.set(token, { bytes, expires: now.getTime() + ttlMs });
    return token;
  }

  take(token: string | null, now: Date): Buffer | undefined {
    const file = token ? this.#files.get(token) : undefined;
    return file && file.expires > now.getTime() ? file.bytes : undefined;
  }
}

/** Fen as yuan with two decimals, signed: 1999 → "19.99", -500 → "-5.00". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

let gbkTable: Map<string, number[]> | undefined;

/** GBK bytes of a text, by inverting Node's (ICU) GBK decoder over every two-byte code. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(char);
      if (!pair) throw new Error(`no GBK code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** A ZIP archive (deflated entries, names as given: bytes without the UTF-8 flag, as Alipay's GBK names come). */
export function writeZip(entries: { name: Buffer; data: Buffer }[], modified: Date): Buffer {
  const dosTime = (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | (modified.getUTCSeconds() >> 1);
  const dosDate = ((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
