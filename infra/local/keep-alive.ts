/**
 * The local servers' keep-alive. Node's default (close an idle socket after 5 s) races its clients:
 * a client that reuses an idle socket just as the server closes it gets ECONNRESET, which a loaded
 * machine (timers running late) turns from rare into a test failure. Clients that honour the
 * `Keep-Alive: timeout` hint (fetch) close theirs first; payee's provider calls retry the one
 * request such a race can cost (lib/http/provider-http.ts). Under Node's 60 s headersTimeout.
 */
export const KEEP_ALIVE_OPTIONS = { keepAlive: true, keepAliveTimeout: 55_000 } as const;
