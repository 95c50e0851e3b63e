/**
 * The website on this machine: site/dist served as CloudFront serves it from S3 (the same route
 * rewrites, the language's 404.html for a missing page, gzip when the browser takes it), the
 * member API's handler at /api/members/* as CloudFront routes it to API Gateway, and the local
 * mail outbox at /dev/outbox (only here: the site stack sends mail).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { rewriteUri } from '../constructs/site-routes.ts';
import { API_PREFIX, type MemberRequest, type MemberResponse } from '../../lib/members/http.ts';
import type { OutboxMailer } from '../../lib/members/outbox.ts';
import { KEEP_ALIVE_OPTIONS } from './keep-alive.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.svg', '.txt']);

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

/** The file a request path names in `dir`, or undefined when there is none (or the path leaves `dir`). */
export async function resolveFile(dir: string, urlPath: string): Promise<string | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = normalize(join(dir, path));
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, status: number): void {
  const ext = extname(file);
  const headers: Record<string, string> = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    // Vite's assets have content hashes in their names; pages must be fetched anew.
    'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) headers['content-encoding'] = 'gzip';
  res.writeHead(status, headers);
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file);
  (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
}

/** A path the site answers with JSON computed at each request (the status document), not a file. */
export type JsonRoutes = Record<string, () => Promise<unknown>>;

/** The member API as the site serves it here: the handler and the outbox its mails land in. */
export interface LocalMembers {
  handle(req: MemberRequest): Promise<MemberResponse>;
  outbox: OutboxMailer;
}

const MAX_BODY_BYTES = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function serveMembers(members: LocalMembers, req: IncomingMessage, res: ServerResponse, path: string, siteUrl: string): Promise<void> {
  const body = await readBody(req);
  if (body === undefined) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('body too large');
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
  const query = (req.url ?? '').split('?')[1] ?? '';
  const reply = await members.handle({ method: req.method ?? 'GET', path: path.slice(API_PREFIX.length) || '/', query, headers, body, ip: req.socket.remoteAddress ?? '', siteUrl });
  res.writeHead(reply.status, { ...reply.headers, ...(reply.cookies.length ? { 'set-cookie': reply.cookies } : {}) });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

/** The local outbox: every mail the member API sent, newest first, its link clickable. */
async function serveOutbox(members: LocalMembers, res: ServerResponse): Promise<void> {
  const mails = await members.outbox.list();
  const e = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = mails.map((m) => `<article class="mail"><h2>${e(m.subject)}</h2><p>To <b class="to">${e(m.to)}</b> · ${e(m.at)}</p><pre>${e(m.text)}</pre><p><a class="link" href="${e(m.link)}">${e(m.link)}</a></p></article>`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Outbox — payee (local)</title><body><main id="main"><h1>Local outbox</h1><p>Mails the member API sent on this machine (${mails.length}); deployed, they go out through SES.</p>${rows.join('\n')}</main></body></html>`);
}

export async function startSiteServer(options: { dir: string; host?: string; port?: number; json?: JsonRoutes; members?: LocalMembers }): Promise<SiteServer> {
  const dir = normalize(options.dir);
  let siteUrl = '';
  const server = createServer(KEEP_ALIVE_OPTIONS, (req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (options.members && path.startsWith(`${API_PREFIX}/`)) return serveMembers(options.members, req, res, path, siteUrl);
      if (options.members && path === '/dev/outbox') return serveOutbox(options.members, res);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const json = options.json?.[path];
      if (json) {
        const body = JSON.stringify(await json());
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
        return void res.end(req.method === 'HEAD' ? undefined : body);
      }
      const file = await resolveFile(dir, rewriteUri(path));
      if (file) return sendFile(req, res, file, 200);
      const notFound = await resolveFile(dir, path.startsWith('/zh/') ? '/zh/404.html' : '/404.html');
      if (notFound) return sendFile(req, res, notFound, 404);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  siteUrl = `http://${host}:${port}`;
  return {
    url: siteUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
