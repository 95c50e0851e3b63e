// One Lambda execution environment: imports the bundle once (init), then runs one invocation at a
// time for as long as the pool keeps it, so module-level state survives between invocations.
// Plain JavaScript on purpose: a worker thread is a fresh Node isolate without the TypeScript loader
// of its parent (tsx or vitest), and this file must run under all of them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';

const { taskRoot, handler, functionName, functionVersion, memorySize, logGroupName, logStreamName } = workerData;
let currentRequestId;

// The Node.js runtime prefixes every console line with time, request id and level (its text log format).
for (const [method, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  const stream = level === 'ERROR' || level === 'WARN' ? process.stderr : process.stdout;
  console[method] = (...args) => stream.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`);
}
if (process.env.NODE_OPTIONS?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

/** This thread's CPU time so far, in ms: what the environment has used (Lambda bills its duration). */
const cpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

function serializeError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** `index.handler` → module `index`, export `handler`; `dir/file.a.b` → `dir/file`, property path `a.b` (as the runtime does). */
async function loadHandler() {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  const modulePath = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1).split('.');
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(taskRoot, modulePath + ext)).find(existsSync);
  if (!file) {
    throw Object.assign(new Error(`Cannot find module '${modulePath}'`), { name: 'Runtime.ImportModuleError' });
  }
  let fn = await import(pathToFileURL(file).href);
  for (const key of exportPath) fn = fn?.[key] ?? (key === exportPath[0] ? fn?.default?.[key] : undefined);
  if (typeof fn !== 'function') {
    throw Object.assign(new Error(`${modulePath}.${exportPath.join('.')} is undefined or not exported`), { name: 'Runtime.HandlerNotFound' });
  }
  return fn;
}

const started = performance.now();
let fn;
try {
  fn = await loadHandler();
  parentPort.postMessage({ type: 'ready', initMs: performance.now() - started, cpuMs: cpuMs() });
} catch (error) {
  parentPort.postMessage({ type: 'initError', initMs: performance.now() - started, error: serializeError(error) });
}

parentPort.on('message', async ({ event, requestId, deadline, invokedFunctionArn }) => {
  currentRequestId = requestId;
  const context = {
    awsRequestId: requestId,
    functionName,
    functionVersion,
    invokedFunctionArn,
    memoryLimitInMB: String(memorySize),
    logGroupName,
    logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    // A handler may still use the callback style (nodejs22.x supports it): whichever settles first wins.
    const result = await new Promise((resolve, reject) => {
      const returned = fn(JSON.parse(event), context, (error, value) => (error ? reject(error) : resolve(value)));
      if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
      else if (fn.length < 3) resolve(returned);
    });
    // Lambda hands back the JSON serialization of the result (undefined becomes null).
    parentPort.postMessage({ type: 'result', payload: JSON.stringify(result ?? null), cpuMs: cpuMs() });
  } catch (error) {
    parentPort.postMessage({ type: 'error', error: serializeError(error), cpuMs: cpuMs() });
  } finally {
    currentRequestId = undefined;
  }
});
