/**
 * An HTTP proxy in front of the API that an SDK under test can be pointed at: it records every
 * request (so a scenario can count pages or compare Idempotency-Keys across retries) and can lose
 * the answer of a chosen request — forwarded, handled by payee, then the connection dropped before
 * a byte of the answer — which the emulator's controls cannot do.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Path and query, below the API's stage. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The status payee answered, or `dropped` when the proxy lost it on purpose. */
  outcome?: number | 'dropped';
}

export interface FaultProxy {
  /** The API's URL through the proxy (same stage). */
  url: string;
  requests: ProxiedRequest[];
  /** Lose the answers of the next `count` requests that `match`. */
  dropAnswers(match: (r: ProxiedRequest) => boolean, count?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(apiUrl: string): Promise<FaultProxy> {
  const upstream = new URL(apiUrl);
  const stage = upstream.pathname.replace(/\/+$/, '');
  const requests: ProxiedRequest[] = [];
  let drop: { match: (r: ProxiedRequest) => boolean; count: number } | undefined;
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const record: ProxiedRequest = { method: req.method ?? 'GET', path: (req.url ?? '/').slice(stage.length) || '/', headers: req.headers };
    requests.push(record);
    const dropIt = drop && drop.count > 0 && drop.match(record);
    if (dropIt) drop!.count--;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        if (dropIt) {
          // payee has done the work; the caller never hears of it.
          record.outcome = 'dropped';
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        record.outcome = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${stage}`,
    requests,
    dropAnswers: (match, count = 1) => void (drop = { match, count }),
    reset: () => {
      requests.length = 0;
      drop = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
