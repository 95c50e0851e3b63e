/** Rows of a provider's CSV statement (RFC 4180 quoting; CRLF or LF; a leading BOM dropped). */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Column index by header name; throws naming the first missing one. */
export function columns<const Name extends string>(header: string[], names: readonly Name[], what: string): Record<Name, number> {
  const index = {} as Record<Name, number>;
  for (const name of names) {
    const at = header.findIndex((h) => h.trim() === name);
    if (at < 0) throw new Error(`${what}: no column ${name}`);
    index[name] = at;
  }
  return index;
}
