/** The sandbox servers' small HTTP helpers: bounded bodies, replies, hook errors as JSON, and listen/close. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEEP_ALIVE_OPTIONS } from '../keep-alive.ts';

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

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface SandboxServer {
  /** `http://host:port`, with an IPv6 host in brackets. */
  baseUrl: string;
  /** Stops listening and drops open connections (the timeout fault holds requests open). */
  close(): Promise<void>;
}

/**
 * Listens on `port` (0, the default, picks a free one) and `host` (default 127.0.0.1). A HookError
 * from `route` is answered `{"error": message}` with its status; anything else is logged under
 * `name` and answered by `internalError` (default: 500 `sandbox error` as text) unless a reply began.
 */
export async function listen(options: {
  name: string;
  port?: number;
  host?: string;
  route: Route;
  internalError?: (res: ServerResponse) => void;
}): Promise<SandboxServer> {
  const internalError = options.internalError ?? ((res: ServerResponse) => send(res, 500, 'text/plain', 'sandbox error'));
  const server = createServer(KEEP_ALIVE_OPTIONS, (req, res) => {
    options.route(req, res).catch((error: unknown) => {
      if (error instanceof HookError) return sendJson(res, error.status, { error: error.message });
      console.error(`[${options.name} sandbox]`, error);
      if (!res.headersSent) internalError(res);
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
