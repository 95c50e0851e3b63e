/** What the CLI prints for people: aligned tables for lists, `field  value` lines for one resource. */

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
}

/** A value on one line: nested values as compact JSON, absent ones as `-`. */
export function cell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '-';
  if (typeof value === 'string') return value.replace(/\s*\n\s*/g, ' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

/** Display width: CJK and other wide characters take two columns (company names are often Chinese). */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));

/** Columns separated by two spaces, headers first; `empty` when there are no rows. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): string {
  if (rows.length === 0) return empty;
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i]!))));
  const line = (parts: string[]) => parts.map((p, i) => (i === parts.length - 1 ? p : pad(p, widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** One resource: a `name  value` line per field, nested objects indented one level. */
export function record(fields: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  const labelWidth = Math.max(0, ...entries.map(([k]) => width(k)));
  const lines: string[] = [];
  for (const [key, value] of entries) {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      lines.push(key);
      const inner = Object.entries(value as Record<string, unknown>);
      const innerWidth = Math.max(...inner.map(([k]) => width(k)));
      for (const [k, v] of inner) lines.push(`  ${pad(k, innerWidth)}  ${cell(v)}`);
    } else {
      lines.push(`${pad(key, labelWidth)}  ${cell(value)}`);
    }
  }
  return lines.join('\n');
}
