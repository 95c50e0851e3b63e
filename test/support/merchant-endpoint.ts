/**
 * A merchant's notify endpoint in the test process: a real HTTP server that can be down
 * (connection refused: the port is closed), up answering a status, or slow (answers after a
 * delay), and records every request it receives with its raw body and headers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedNotification {
  at: number;
  headers: Record<string, string | string[] | undefined>;
  /** Exactly the bytes received: what the signature covers. */
  rawBody: string;
  /** The status this endpoint answered (or would have, if the client waited). */
  answered: number;
}

export interface MerchantEndpoint {
  url: string;
  received: ReceivedNotification[];
  /** Answer `status` from now on (default 200). */
  answer(status: number): void;
  /** Answer after `ms` from now on (0: at once). */
  delay(ms: number): void;
  /** Close the port: connections are refused until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startMerchantEndpoint(path = '/payee/notify'): Promise<MerchantEndpoint> {
  let status = 200;
  let delayMs = 0;
  const received: ReceivedNotification[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = req.url === path ? status : 404;
      received.push({ at: Date.now(), headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), answered });
      const reply = () => {
        if (res.destroyed) return;
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'not now');
      };
      if (delayMs > 0) setTimeout(reply, delayMs);
      else reply();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      // Keep-alive connections would keep the port answering: end them too.
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answer: (s) => void (status = s),
    delay: (ms) => void (delayMs = ms),
    down: close,
    up: () => listen(port),
    close,
  };
}
