/** For tests against the Alipay sandbox: a local HTTP receiver standing in for payee's notify URL. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NotifyReceiver {
  /** Where the sandbox sends the notifies. */
  url: string;
  /** Every body received, in order; each was answered `success`. */
  bodies: string[];
  close(): Promise<void>;
}

export async function startNotifyReceiver(): Promise<NotifyReceiver> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback/alipay`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
