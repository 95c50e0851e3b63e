/**
 * A chat robot's webhook on this machine, for the chat alert plugin of the local stack: it keeps
 * every message POSTed to it and answers as WeCom's robot does (`{"errcode":0}`), or 503 while
 * told to be down (`POST /_down`, `POST /_up`). `GET /_messages` lists what it got.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatStandIn {
  url: string;
  close(): Promise<void>;
}

export async function startChatStandIn(options: { host?: string; port?: number } = {}): Promise<ChatStandIn> {
  const messages: { path: string; body: unknown; at: string }[] = [];
  let down = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && req.url === '/_messages') return reply(200, messages);
      if (req.method === 'POST' && (req.url === '/_down' || req.url === '/_up')) {
        down = req.url === '/_down';
        return reply(200, { down });
      }
      if (req.method !== 'POST') return reply(405, { errcode: 405, errmsg: 'POST only' });
      if (down) return reply(503, { errcode: 503, errmsg: 'down' });
      try {
        messages.push({ path: req.url ?? '/', body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: new Date().toISOString() });
      } catch {
        return reply(200, { errcode: 40035, errmsg: 'invalid json' });
      }
      reply(200, { errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
