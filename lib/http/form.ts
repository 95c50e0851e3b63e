/**
 * Strict application/x-www-form-urlencoded for signed provider callbacks (Alipay's notify,
 * UnionPay's back notification): the values checked must be exactly the ones the provider signed.
 */

/** Whether a Content-Type is application/x-www-form-urlencoded in UTF-8 (no charset means UTF-8). */
export function isFormUtf8(contentType: string | undefined): boolean {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/x-www-form-urlencoded') return false;
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replaceAll('"', '');
  return charset === undefined || charset === 'utf-8';
}

/**
 * Form-decodes with URLSearchParams' rules (`+` is a space, empty pairs skipped, a pair without `=`
 * has an empty value) but strictly: decodeURIComponent throws on a stray `%` and on percent-encoded
 * bytes that are not UTF-8, where URLSearchParams would quietly keep or replace them and the values
 * checked would no longer be the ones the provider signed. A repeated name is refused: which one was
 * signed? Returns the fields, or why the body is not a form.
 */
export function decodeForm(body: string): Record<string, string> | string {
  // U+FFFD in the text itself: raw bytes that were not UTF-8 when the body was read as a string.
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
