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

/** The errors of a kept-alive socket the server closed as it was reused (Node's docs: `request.reusedSocket`). */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

/**
 * One exchange. A kept-alive socket can be closed by the server (its idle timeout, or a Lambda
 * container thawed after the server forgot it) just as a request is written on it; the server has
 * then read nothing, so that one request is sent again on a fresh socket, once, within the same
 * time budget.
 */
export const providerHttp: ProviderHttp = (url, request) => {
  const target = typeof url === 'string' ? new URL(url) : url;
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return Promise.reject(new Error(`unsupported protocol ${target.protocol}`));
  const deadline = Date.now() + request.timeoutMs;
  return exchange(target, request, deadline).catch((error: Error & { code?: string; staleSocket?: boolean }) => {
    if (!error.staleSocket) throw error;
    return exchange(target, request, deadline);
  });
};

function exchange(target: URL, { method, headers = {}, body, timeoutMs, responseEncoding = 'utf8' }: ProviderRequest, deadline: number): Promise<ProviderResponse> {
  return new Promise((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
    let answered = false;
    const req = send(
      target,
      {
        method,
        agent: agents[target.protocol as keyof typeof agents],
        headers: { ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString(responseEncoding) });
        });
        res.on('error', fail);
      },
    );
    function fail(error: Error & { code?: string; staleSocket?: boolean }) {
      clearTimeout(timer);
      if (req.reusedSocket && !answered && STALE_SOCKET.has(error.code ?? '')) error.staleSocket = true;
      reject(error);
    }
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), Math.max(0, deadline - Date.now()));
    req.on('error', fail);
    req.end(payload);
  });
}
