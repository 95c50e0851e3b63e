// A Lambda proxy integration's result → the HTTP response, with API Gateway's validation:
// anything but { statusCode, headers, multiValueHeaders, body, isBase64Encoded } is malformed (502).

export interface ProxyReply {
  status: number;
  /** Header name → values; a name can repeat (Set-Cookie). */
  headers: Map<string, string[]>;
  body: Buffer;
}

const ALLOWED = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

export function mapProxyResult(result: unknown): ProxyReply | undefined {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return undefined;
  const r = result as Record<string, unknown>;
  if (Object.keys(r).some((k) => !ALLOWED.has(k))) return undefined;
  const status = Number(r.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (r.body != null && typeof r.body !== 'string') return undefined;
  const headers = new Map<string, string[]>();
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (r.multiValueHeaders != null) {
    if (typeof r.multiValueHeaders !== 'object') return undefined;
    for (const [name, values] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every(scalar)) return undefined;
      headers.set(name, values.map(String));
    }
  }
  if (r.headers != null) {
    if (typeof r.headers !== 'object') return undefined;
    for (const [name, value] of Object.entries(r.headers)) {
      if (!scalar(value)) return undefined;
      // Where both name a header, API Gateway keeps the multiValueHeaders values.
      if (!headers.has(name)) headers.set(name, [String(value)]);
    }
  }
  const body = (r.body as string | null | undefined) ?? '';
  return { status, headers, body: r.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8') };
}
