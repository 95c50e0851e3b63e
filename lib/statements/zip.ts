/**
 * A minimal ZIP reader (PKWARE APPNOTE 6.3.x) for the statement files providers hand out, on node
 * built-ins: the central directory names the entries, stored (0) or deflated (8) data is read from
 * each local header and checked against its CRC-32. Encryption, ZIP64 and multi-disk archives are
 * refused: no provider statement uses them, and a reader that guesses would report wrong numbers.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
/** A statement larger than this is not one: refuse rather than exhaust the function's memory. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

export class ZipError extends Error {}

function need(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ZipError(message);
}

/** The end-of-central-directory record: the last signature within the final 22 + 65535 bytes whose comment length fits. */
function endOfCentralDirectory(zip: Buffer): number {
  need(zip.length >= EOCD_SIZE, 'not a zip: too short');
  const lowest = Math.max(0, zip.length - EOCD_SIZE - 0xffff);
  for (let at = zip.length - EOCD_SIZE; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === EOCD && at + EOCD_SIZE + zip.readUInt16LE(at + 20) === zip.length) return at;
  }
  throw new ZipError('not a zip: no end of central directory');
}

/**
 * Every file entry of the archive. Names without the UTF-8 flag (bit 11) are decoded with
 * `legacyNames` (Alipay names its files in GBK).
 */
export function readZip(zip: Buffer, legacyNames: { decode(bytes: Uint8Array): string } = new TextDecoder('utf-8')): ZipEntry[] {
  const eocd = endOfCentralDirectory(zip);
  need(zip.readUInt16LE(eocd + 4) === 0 && zip.readUInt16LE(eocd + 6) === 0, 'multi-disk zip');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const start = zip.readUInt32LE(eocd + 16);
  need(count !== 0xffff && start !== 0xffffffff, 'zip64 is not supported');
  need(start + size <= eocd, 'central directory outside the archive');

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const entries: ZipEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    need(at + 46 <= eocd && zip.readUInt32LE(at) === CENTRAL, `central directory entry ${i} is malformed`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const next = at + 46 + nameLength + extraLength + commentLength;
    need(next <= eocd, `central directory entry ${i} overruns`);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    const name = flags & 0x800 ? utf8.decode(rawName) : legacyNames.decode(rawName);
    at = next;
    if (name.endsWith('/')) continue;
    need((flags & 0x1) === 0, `${name} is encrypted`);
    need(compressedSize !== 0xffffffff && uncompressedSize !== 0xffffffff && localOffset !== 0xffffffff, 'zip64 is not supported');
    need(uncompressedSize <= MAX_ENTRY_BYTES, `${name} is larger than ${MAX_ENTRY_BYTES} bytes`);

    need(localOffset + 30 <= start && zip.readUInt32LE(localOffset) === LOCAL, `${name}: no local header`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    need(dataStart + compressedSize <= start, `${name}: data overruns`);
    const stored = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(stored);
    else if (method === 8) {
      try {
        data = inflateRawSync(stored, { maxOutputLength: MAX_ENTRY_BYTES });
      } catch (error) {
        throw new ZipError(`${name}: ${(error as Error).message}`);
      }
    } else throw new ZipError(`${name}: compression method ${method} is not supported`);
    need(data.length === uncompressedSize && crc32(data) === crc, `${name}: size or CRC-32 mismatch`);
    entries.push({ name, data });
  }
  return entries;
}
