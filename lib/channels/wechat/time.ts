/**
 * WeChat Pay times are RFC 3339 with the China offset, `2018-06-08T10:34:56+08:00` (PROTOCOLS.md
 * §2.4 time_expire, success_time). Computed from the instant, never from the process time zone.
 */
const GMT8_MS = 8 * 60 * 60 * 1000;

export function toWechatTime(instant: Date): string {
  return `${new Date(instant.getTime() + GMT8_MS).toISOString().slice(0, 19)}+08:00`;
}

/** An RFC 3339 time with an explicit offset, or undefined. */
export function fromWechatTime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
