/**
 * A real HTTP server that answers from a script, one step per request, and records what it got:
 * the SDK's retries, headers and pagination are tested over real sockets, with no network double.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Close the connection without an answer (after reading the request). */
  | 'drop'
  /** Never answer (the client's timeout must end it). */
  | 'hang';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export async function scriptedServer(script: Step[] | ((req: Received, n: number) => Step)) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const step = typeof script === 'function' ? script(r, received.length - 1) : script[received.length - 1];
      if (!step) throw new Error(`scripted server: no step for request ${received.length}`);
      if (step === 'drop') return void req.socket.destroy();
      if (step === 'hang') return;
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers }).end(step.body === undefined ? '' : JSON.stringify(step.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Time that passes only when slept: retries and waiters run at once and their waits are recorded. */
export function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export const apiError = (status: number, type: string, code: string, extra: Record<string, string> = {}) => ({
  status,
  body: { error: { type, code, message: `${code} happened`, requestId: `req-${code}`, ...extra } },
});
