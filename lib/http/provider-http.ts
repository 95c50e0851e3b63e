/**
 * Outbound HTTP to providers, on node:http(s) with keep-alive agents. Not global fetch: undici's
 * fetch (web streams, its own parser) cost about as much CPU per create as everything else in
 * the handler together (measured with `npm run bench`), for features a provider call never uses.
 */
import { Agent as HttpAgent, request as httpRequest } from './node-http.ts';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ProviderRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, connect to last byte. */
  timeoutMs: number;
  /** How the response body is decoded; `base64` keeps binary downloads (statement files) byte-exact. Default utf8. */
  responseEncoding?: 'utf8' | 'base64';
}

export interface ProviderResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type ProviderHttp = (url: URL | string, request: ProviderRequest) => Promise<ProviderResponse>;

const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

export const providerHttp: ProviderHttp = (url, { method, headers = {}, body, timeoutMs, responseEncoding = 'utf8' }) =>
  new Promise((resolve, reject) => {
    const target = typeof url === 'string' ? new URL(url) : url;
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      reject(new Error(`unsupported protocol ${target.protocol}`));
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    const req = send(
      target,
      {
        method,
        agent: agents[target.protocol],
        headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(responseEncoding) });
        });
        res.on('error', fail);
      },
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    req.on('error', fail);
    req.end(payload);
  });
