/**
 * Alipay's and WeChat Pay's statements are per day of China Standard Time (UTC+8, no daylight
 * saving): the bill of 2026-11-24 holds what happened from 2026-11-23T16:00Z to 2026-11-24T16:00Z.
 */
const GMT8_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** `yyyy-mm-dd` naming a real date, or undefined. */
export function parseDay(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : undefined;
}

/** The instants of one China day: [from, to). */
export function chinaDayWindow(day: string): { from: Date; to: Date } {
  const from = new Date(Date.parse(`${day}T00:00:00Z`) - GMT8_MS);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/** The China day an instant falls in. */
export function chinaDayOf(instant: Date): string {
  return new Date(instant.getTime() + GMT8_MS).toISOString().slice(0, 10);
}

/** The China day before the one `now` is in: the newest statement day a provider has finished. */
export function previousChinaDay(now: Date): string {
  return chinaDayOf(new Date(now.getTime() - DAY_MS));
}

/** `yyyy-MM-dd HH:mm:ss` China wall-clock time (WeChat bill 交易时间) as an instant, or undefined. */
export function fromChinaWallClock(text: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const instant = new Date(`${m[1]}T${m[2]}+08:00`);
  return !Number.isNaN(instant.getTime()) && new Date(instant.getTime() + GMT8_MS).toISOString().slice(0, 19) === `${m[1]}T${m[2]}` ? instant : undefined;
}
