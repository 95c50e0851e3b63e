/**
 * A pass-through HTTP proxy that counts and times what goes through it: put in front of DynamoDB
 * Local and the Alipay sandbox, it shows how many round trips one create makes and how long each
 * takes, without touching the code under test.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  /** DynamoDB's X-Amz-Target operation, or the request path. */
  operation: string;
  ms: number;
}

export async function startCountingProxy(upstream: string): Promise<{ url: string; calls: Call[]; reset(): void; close(): Promise<void> }> {
  const up = new URL(upstream);
  const calls: Call[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const started = performance.now();
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' ? target.split('.').pop()! : (req.url ?? '/').split('?')[0]!;
    const forward = request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.on('end', () => calls.push({ operation, ms: performance.now() - started }));
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    reset: () => void calls.splice(0),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
