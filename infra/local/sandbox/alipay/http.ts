/** The sandbox server's small HTTP helpers: bounded bodies, replies, and hook errors as JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1 << 20;

/** A hook request that cannot be served: answered `status` with `{"error": message}`. */
export class HookError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HookError(413, 'body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': `${contentType};charset=utf-8` }).end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value));
}

/** A hook's JSON object body; `ifEmpty` is taken for an empty body where the JSON is optional. */
export async function jsonBody(req: IncomingMessage, ifEmpty?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (ifEmpty && text.trim() === '') return ifEmpty;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HookError(400, 'body must be a JSON object');
}
