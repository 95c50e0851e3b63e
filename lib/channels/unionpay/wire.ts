/**
 * UnionPay's two encodings of a message. Synchronous replies are `k=v&k=v` with RAW values (the
 * SDK's `convertResultStringToMap`: the PEM's `+`, `/`, `=` and the Chinese respMsg are not
 * percent-encoded, and `{…}` groups may hold `&`). Notifications to backUrl are ordinary
 * application/x-www-form-urlencoded posts (§5: decode the form properly, `+` is a space), decoded
 * by lib/http/form.ts.
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
