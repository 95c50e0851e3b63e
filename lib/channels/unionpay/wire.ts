/**
 * UnionPay's two encodings of a message. Synchronous replies are `k=v&k=v` with RAW values (the
 * SDK's `convertResultStringToMap`: the PEM's `+`, `/`, `=` and the Chinese respMsg are not
 * percent-encoded, and `{…}` groups may hold `&`). Notifications to backUrl are ordinary
 * application/x-www-form-urlencoded posts (§5: decode the form properly, `+` is a space).
 */

/** Splits a synchronous reply on `&` outside `{}` and each pair on its first `=`; undefined if malformed. */
export function parseReply(text: string): Record<string, string> | undefined {
  const fields = new Map<string, string>();
  let depth = 0;
  let start = 0;
  const pairs: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if ((c === '&' && depth === 0) || i === text.length) {
      pairs.push(text.slice(start, i));
      start = i + 1;
    }
  }
  for (const pair of pairs) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    const name = pair.slice(0, eq);
    if (fields.has(name)) return undefined;
    fields.set(name, pair.slice(eq + 1));
  }
  return Object.fromEntries(fields);
}

/**
 * Form-decodes strictly: decodeURIComponent throws on a stray `%` and on bytes that are not UTF-8,
 * where URLSearchParams would quietly keep or replace them and the values checked would no longer
 * be the ones UnionPay signed. A repeated name is refused: which one was signed?
 */
export function decodeForm(body: string): Record<string, string> | string {
  if (body.includes('\uFFFD')) return 'body is not UTF-8';
  const fields = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.includes('=') ? pair.indexOf('=') : pair.length;
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(pair.slice(0, eq).replaceAll('+', ' '));
      value = decodeURIComponent(pair.slice(eq + 1).replaceAll('+', ' '));
    } catch {
      return `undecodable pair ${JSON.stringify(pair.slice(0, 64))}`;
    }
    if (fields.has(name)) return `${name} appears twice`;
    fields.set(name, value);
  }
  // fromEntries defines own properties: a field named __proto__ stays a plain field.
  return Object.fromEntries(fields);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The SDK's `createAutoFormHtml`: a page that POSTs the signed fields to the front gateway at once. */
export function autoSubmitForm(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}"/>`)
    .join('');
  return (
    '<!doctype html><html><head><meta charset="UTF-8"></head><body onload="document.forms[0].submit()">' +
    `<form action="${escapeHtml(action)}" method="post" accept-charset="UTF-8">${inputs}</form></body></html>`
  );
}
