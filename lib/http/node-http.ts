/**
 * node:http's Agent and request, taken from the CommonJS module object. `import … from 'node:http'`
 * builds Node's ESM facade, which reads every export, and the lazy WebSocket, CloseEvent and
 * MessageEvent getters among them load undici, http2 and worker_threads: about 60 ms of CPU at
 * each cold start on Node 22 (measured with `npm run bench`), for nothing payee calls.
 * node:https has no such getters and is imported as usual.
 */
export const { Agent, request } = process.getBuiltinModule('node:http');
