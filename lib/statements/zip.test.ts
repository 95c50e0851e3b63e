import { describe, expect, it } from 'vitest';
import { encodeGbk, writeZip } from '../../infra/local/sandbox/statements.ts';
import { readZip, ZipError } from './zip.ts';

/** Made by Python's zipfile: a stored entry, a directory, a deflated UTF-8-flagged name, an archive comment. */
const PYTHON_ZIP = Buffer.from(
  'UEsDBBQAAAAAAAAAIQAEQRA+DAAAAAwAAAAKAAAAc3RvcmVkLnR4dHBsYWluIGJ5dGVzClBLAwQUAAAAAABODHldAAAAAAAAAAAAAAAABAAAAGRpci9QSwMEFAAACAgATgx5XbDL06s3AAAA1gYAAAoAAADmmI7nu4YuY3N2ezZl/ZPdM56um/tk15JnMyY/7d+u83Rq27OO7S/WLXraOxXI53o2qmRUyaiSUSWjSkaVDA0lAFBLAQIUAxQAAAAAAAAAIQAEQRA+DAAAAAwAAAAKAAAAAAAAAAAAAACAAQAAAABzdG9yZWQudHh0UEsBAhQDFAAAAAAATgx5XQAAAAAAAAAAAAAAAAQAAAAAAAAAAAAQAP1BNAAAAGRpci9QSwECFAMUAAAICABODHldsMvTqzcAAADWBgAACgAAAAAAAAAAAAAAgAFWAAAA5piO57uGLmNzdlBLBQYAAAAAAwADAKIAAAC1AAAAFgBtYWRlIGJ5IHB5dGhvbiB6aXBmaWxl',
  'base64',
);

/** Offset of the first central directory header, from the end record. */
const centralDirectory = (zip: Buffer) => zip.readUInt32LE(zip.length - 22 + 16);

describe('readZip', () => {
  it("reads another tool's archive: stored and deflated entries, UTF-8 names, a comment, directories skipped", () => {
    const entries = readZip(PYTHON_ZIP);
    expect(entries.map((e) => e.name)).toEqual(['stored.txt', '明细.csv']);
    expect(entries[0]!.data.toString()).toBe('plain bytes\n');
    expect(entries[1]!.data.toString()).toBe('支付宝交易号,商户订单号\n'.repeat(50));
  });

  it('decodes names without the UTF-8 flag with the decoder given (GBK for Alipay)', () => {
    const zip = writeZip([{ name: encodeGbk('2088_20261124_业务明细.csv'), data: encodeGbk('支付宝交易号') }], new Date());
    const [entry] = readZip(zip, new TextDecoder('gbk'));
    expect(entry!.name).toBe('2088_20261124_业务明细.csv');
    expect(new TextDecoder('gbk').decode(entry!.data)).toBe('支付宝交易号');
  });

  it('refuses a corrupted entry (CRC-32), a truncated archive and what is no zip', () => {
    const zip = writeZip([{ name: Buffer.from('a.csv'), data: Buffer.from('x'.repeat(1000)) }], new Date());
    const corrupt = Buffer.from(zip);
    const central = centralDirectory(zip);
    // The same wrong CRC in both headers: only the data can tell.
    corrupt.writeUInt32LE(corrupt.readUInt32LE(14) ^ 1, 14);
    corrupt.writeUInt32LE(corrupt.readUInt32LE(central + 16) ^ 1, central + 16);
    expect(() => readZip(corrupt)).toThrow(/CRC-32/);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(ZipError);
    expect(() => readZip(Buffer.from('PK not really'))).toThrow(ZipError);
    expect(() => readZip(Buffer.alloc(0))).toThrow(ZipError);
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const zip = writeZip([{ name: Buffer.from('a.csv'), data: Buffer.from('abc') }], new Date());
    const central = centralDirectory(zip);
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(1, central + 8);
    expect(() => readZip(encrypted)).toThrow(/encrypted/);
    const bzip = Buffer.from(zip);
    bzip.writeUInt16LE(12, central + 10);
    expect(() => readZip(bzip)).toThrow(/method 12/);
  });
});
