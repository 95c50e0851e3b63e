/**
 * Alipay's wall-clock time: `yyyy-MM-dd HH:mm:ss` in GMT+8 for `timestamp`, `time_expire` and
 * `send_pay_date` (PROTOCOLS.md §1.1). Computed from the instant, never from the process time
 * zone (alipay-sdk uses the local zone, which is UTC on Lambda). China has no daylight saving.
 */
const GMT8_MS = 8 * 60 * 60 * 1000;

export function toAlipayTime(instant: Date): string {
  return new Date(instant.getTime() + GMT8_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function fromAlipayTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  const instant = new Date(`${text.replace(' ', 'T')}+08:00`);
  // Date rolls 02-30 over to 03-02: a time that does not round-trip does not exist.
  return !Number.isNaN(instant.getTime()) && toAlipayTime(instant) === text ? instant : undefined;
}
