/**
 * The website on this machine: site/dist served as CloudFront serves it from S3 (the same route
 * rewrites, the language's 404.html for a missing page, gzip when the browser takes it).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { rewriteUri } from '../constructs/site-routes.ts';

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

export async function startSiteServer(options: { dir: string; host?: string; port?: number; json?: JsonRoutes }): Promise<SiteServer> {
  const dir = normalize(options.dir);
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const path = (req.url ?? '/').split('?')[0]!;
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
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
