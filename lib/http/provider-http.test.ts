import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { providerHttp } from './provider-http.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server that answers `ok` on each connection's first request and resets the connection at its next one. */
async function resettingServer(resetFirstRequest = false): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server = createServer((req, res) => {
    const socket = req.socket as typeof req.socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    if (socket.served > 1 || resetFirstRequest) {
      socket.resetAndDestroy();
      return;
    }
    req.resume().on('end', () => res.end('ok'));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pay`, connections: () => connections };
}

describe('providerHttp', () => {
  it('sends a request again on a fresh socket, once, when the kept-alive socket it reused is reset', async () => {
    const { url, connections } = await resettingServer();
    expect((await providerHttp(url, { method: 'POST', body: 'a=1', timeoutMs: 5000 })).body).toBe('ok');
    // The second request reuses the socket, which the server resets: answered on a new one.
    expect((await providerHttp(url, { method: 'POST', body: 'a=2', timeoutMs: 5000 })).body).toBe('ok');
    expect(connections()).toBe(2);
  });

  it('does not send again when a fresh socket is reset: the server may have acted on it', async () => {
    const { url, connections } = await resettingServer(true);
    await expect(providerHttp(url, { method: 'POST', body: 'a=1', timeoutMs: 5000 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(connections()).toBe(1);
  });
});
