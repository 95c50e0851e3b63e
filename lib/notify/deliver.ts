/**
 * One POST of a notification, on node:http(s) like lib/http/provider-http.ts (no fetch: its cost
 * buys nothing here). Outside the local stack, every address the host resolves to is checked
 * before connecting (the socket connects to exactly the checked address), so a name rebound to
 * a private address is refused. Redirects are not followed: a 3xx is a failed attempt.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest } from '../http/node-http.ts';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress, notifyUrlProblem, type NotifyUrlPolicy } from './url-policy.ts';

export interface DeliveryResult {
  statusCode?: number;
  error?: string;
  latencyMs: number;
}

export type NotificationPost = (
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; policy: NotifyUrlPolicy },
) => Promise<DeliveryResult>;

/** Merchants' answers are not read: only their status counts. */
const MAX_ANSWER_BYTES = 64 * 1024;

const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 32 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 32 }),
};

/** dns.lookup that fails for private addresses (with `all`, as net's autoSelectFamily asks, or without). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) {
      const error = Object.assign(new Error(`refused: ${hostname} resolves to the private address ${refused.address}`), { code: 'EPRIVATEADDRESS' });
      return callback(error, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

export const postNotification: NotificationPost = (url, body, headers, { timeoutMs, policy }) => {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const target = new URL(url);
    const problem = notifyUrlProblem(url, policy);
    if (problem) return resolve({ error: `refused: notifyUrl ${problem}`, latencyMs: 0 });
    const protocol = target.protocol as 'http:' | 'https:';
    const payload = Buffer.from(body, 'utf8');
    let settled = false;
    const settle = (result: Omit<DeliveryResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: latency() });
    };
    const req = (protocol === 'https:' ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        agent: agents[protocol],
        // IP literals never reach a lookup; notifyUrlProblem checked them above.
        ...(policy === 'public' && !isIP(target.hostname.replace(/^\[|\]$/g, '')) ? { lookup: publicOnlyLookup } : {}),
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) },
      },
      (res) => {
        let read = 0;
        res.on('data', (c: Buffer) => {
          read += c.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => settle({ statusCode: res.statusCode ?? 0 });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      settle({ error: `timed out after ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => settle({ error: err.code === 'EPRIVATEADDRESS' ? err.message : `${err.code ?? 'error'}: ${err.message}` }));
    req.end(payload);
  });
};
