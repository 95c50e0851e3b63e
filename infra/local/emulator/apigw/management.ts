// The slice of the API Gateway management API (REST, JSON wire shapes of apigateway.<region>.
// amazonaws.com) that payee uses at runtime: API keys and their usage plans. Point
// @aws-sdk/client-api-gateway at it with `endpoint`. Beside it, Lambda's Invoke
// (`POST /2015-03-31/functions/<name>/invocations`), so that @aws-sdk/client-lambda runs a
// scheduled function now, as tests against AWS do. Requests are not signature-checked.
import { createServer, type IncomingMessage } from 'node:http';
import type { InvokeResult } from '../lambda/pool.ts';
import { closeServer, listen } from '../ports.ts';
import { UsageError, type ApiKey, type Usage, type UsagePlan } from './usage.ts';

export interface ManagementServer {
  url: string;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;
type Result = { status: number; body?: Json };

const epochSeconds = (d: Date) => d.getTime() / 1000;

function keyJson(key: ApiKey, includeValue: boolean): Json {
  return {
    id: key.id,
    ...(includeValue ? { value: key.value } : {}),
    name: key.name,
    customerId: key.customerId,
    description: key.description,
    enabled: key.enabled,
    createdDate: epochSeconds(key.createdDate),
    lastUpdatedDate: epochSeconds(key.lastUpdatedDate),
    stageKeys: key.stageKeys,
    tags: key.tags,
  };
}

function planJson(plan: UsagePlan): Json {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    apiStages: plan.apiStages,
    throttle: plan.throttle,
    quota: plan.quota,
  };
}

function planKeyJson(key: ApiKey): Json {
  return { id: key.id, type: 'API_KEY', value: key.value, name: key.name };
}

/** Routes → handlers. List replies name their array `item` on the wire (the SDK maps it to `items`). */
function route(usage: Usage, method: string, path: string[], query: URLSearchParams, body: Json): Result {
  const key = (id: string) => {
    const found = usage.keys.get(id);
    if (!found) throw new UsageError('NotFoundException', 'Invalid API Key identifier specified');
    return found;
  };
  const [collection, id, sub, subId] = path;
  if (collection === 'apikeys') {
    if (method === 'POST' && !id) {
      const created = usage.createKey({
        name: body.name as string | undefined,
        description: body.description as string | undefined,
        enabled: body.enabled as boolean | undefined,
        value: body.value as string | undefined,
        customerId: body.customerId as string | undefined,
        tags: body.tags as Record<string, string> | undefined,
      });
      return { status: 201, body: keyJson(created, true) };
    }
    if (method === 'GET' && !id) {
      const name = query.get('name');
      const items = [...usage.keys.values()].filter((k) => !name || k.name?.startsWith(name));
      return { status: 200, body: { item: items.map((k) => keyJson(k, query.get('includeValues') === 'true')) } };
    }
    if (method === 'GET' && id) return { status: 200, body: keyJson(key(id), query.get('includeValue') === 'true') };
    if (method === 'PATCH' && id) {
      const target = key(id);
      for (const op of (body.patchOperations ?? []) as Array<{ op: string; path: string; value?: string }>) {
        if (op.op !== 'replace') throw new UsageError('BadRequestException', `Invalid patch operation specified. Must be 'replace'`);
        if (op.path === '/enabled') target.enabled = op.value === 'true';
        else if (op.path === '/name') target.name = op.value;
        else if (op.path === '/description') target.description = op.value;
        else if (op.path === '/customerId') target.customerId = op.value;
        else throw new UsageError('BadRequestException', `Invalid patch path ${op.path}`);
      }
      target.lastUpdatedDate = new Date();
      return { status: 200, body: keyJson(target, false) };
    }
    if (method === 'DELETE' && id) {
      usage.deleteKey(id);
      return { status: 202 };
    }
  }
  if (collection === 'usageplans') {
    if (method === 'GET' && !id) {
      const keyId = query.get('keyId');
      const items = [...usage.plans.values()].filter((p) => !keyId || p.keyIds.has(keyId));
      return { status: 200, body: { item: items.map(planJson) } };
    }
    if (method === 'GET' && id && !sub) return { status: 200, body: planJson(usage.plan(id)) };
    if (id && sub === 'keys') {
      const plan = usage.plan(id);
      if (method === 'POST' && !subId) {
        if (body.keyType !== 'API_KEY') throw new UsageError('BadRequestException', 'Invalid key type specified');
        usage.attach(plan.id, String(body.keyId));
        return { status: 201, body: planKeyJson(key(String(body.keyId))) };
      }
      if (method === 'GET' && !subId) return { status: 200, body: { item: [...plan.keyIds].map((k) => planKeyJson(key(k))) } };
      if (method === 'GET' && subId) {
        if (!plan.keyIds.has(subId)) throw new UsageError('NotFoundException', 'Invalid Usage Plan Key identifier specified');
        return { status: 200, body: planKeyJson(key(subId)) };
      }
      if (method === 'DELETE' && subId) {
        usage.detach(plan.id, subId);
        return { status: 202 };
      }
    }
  }
  throw new UsageError('NotFoundException', `emulator: ${method} /${path.join('/')} is not part of the emulated API`);
}

const STATUS: Record<UsageError['type'], number> = { BadRequestException: 400, NotFoundException: 404, ConflictException: 409 };

/**
 * Fault injection for chaos tests, under `/_emulator/` beside the management API (never part of
 * AWS's): freeze DynamoDB, or make a function's next invocations die after their handler ran; and
 * `GET /_emulator/metrics`, the functions' EMF metrics (CloudWatch's GetMetricStatistics, summed).
 */
export interface ChaosControls {
  pauseDynamo(): void;
  resumeDynamo(): void;
  crashAfterRun(functionLogicalId: string, count: number): boolean;
  /** Lambda Invoke (RequestResponse) by function name or ARN; undefined when there is no such function. */
  invoke(functionName: string, event: unknown): Promise<InvokeResult> | undefined;
  metricStatistics(namespace: string, name: string, dimensions: Record<string, string>, since: number): { sum: number; sampleCount: number };
}

/** `GET /_emulator/metrics?namespace=Payee&name=RiskRuleHolds&dimensions={"service":"payee"}&since=<epoch ms>` → `{"sum","sampleCount"}`. */
function metrics(controls: ChaosControls, method: string, path: string[], query: URLSearchParams): Result | undefined {
  if (path[0] !== '_emulator' || path[1] !== 'metrics' || method !== 'GET') return undefined;
  const namespace = query.get('namespace');
  const name = query.get('name');
  if (!namespace || !name) return { status: 400, body: { message: 'namespace and name are required' } };
  const dimensions = JSON.parse(query.get('dimensions') ?? '{}') as Record<string, string>;
  return { status: 200, body: controls.metricStatistics(namespace, name, dimensions, Number(query.get('since') ?? 0)) };
}

/** Lambda's Invoke wire shape: 200 with the payload, or with X-Amz-Function-Error and the error. */
async function lambdaInvoke(controls: ChaosControls, method: string, path: string[], text: string) {
  if (path[0] !== '2015-03-31' || path[1] !== 'functions' || path[3] !== 'invocations' || method !== 'POST') return undefined;
  const result = controls.invoke(path[2] ?? '', text ? JSON.parse(text) : {});
  if (!result) {
    return { status: 404, headers: { 'x-amzn-ErrorType': 'ResourceNotFoundException' }, body: { Type: 'User', Message: `Function not found: ${path[2]}` } };
  }
  const reply = await result;
  return reply.ok
    ? { status: 200, headers: {}, body: reply.payload ?? null }
    : { status: 200, headers: { 'X-Amz-Function-Error': 'Unhandled' }, body: reply.error };
}

function chaos(controls: ChaosControls, method: string, path: string[], body: Json): Result | undefined {
  if (path[0] !== '_emulator' || method !== 'POST') return undefined;
  if (path[1] === 'dynamodb' && path[2] === 'pause') return controls.pauseDynamo(), { status: 204 };
  if (path[1] === 'dynamodb' && path[2] === 'resume') return controls.resumeDynamo(), { status: 204 };
  if (path[1] === 'functions' && path[3] === 'crash-after-run') {
    const count = (body as { count?: unknown }).count;
    if (!Number.isSafeInteger(count) || (count as number) < 0) return { status: 400, body: { message: 'count: integer >= 0' } };
    return controls.crashAfterRun(path[2] ?? '', count as number) ? { status: 204 } : { status: 404, body: { message: `no function ${path[2]}` } };
  }
  return { status: 404, body: { message: 'unknown chaos control' } };
}

export async function startManagementServer(usage: Usage, host: string, port: number, controls: ChaosControls): Promise<ManagementServer> {
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://local');
    let result: Result;
    let errorType: string | undefined;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const invoked = await lambdaInvoke(controls, req.method ?? 'GET', path, text);
      if (invoked) {
        res.writeHead(invoked.status, { 'Content-Type': 'application/json', ...invoked.headers });
        res.end(JSON.stringify(invoked.body));
        return;
      }
      const body = text ? (JSON.parse(text) as Json) : {};
      result =
        metrics(controls, req.method ?? 'GET', path, url.searchParams) ?? chaos(controls, req.method ?? 'GET', path, body) ?? route(usage, req.method ?? 'GET', path, url.searchParams, body);
    } catch (error) {
      const known = error instanceof UsageError;
      errorType = known ? error.type : error instanceof SyntaxError ? 'BadRequestException' : 'InternalFailure';
      result = { status: known ? STATUS[error.type] : error instanceof SyntaxError ? 400 : 500, body: { message: (error as Error).message } };
    }
    res.setHeader('Content-Type', 'application/json');
    if (errorType) res.setHeader('x-amzn-ErrorType', errorType);
    res.writeHead(result.status);
    res.end(result.body ? JSON.stringify(result.body) : '{}');
  });
  const actual = await listen(server, port, host, 'the API Gateway management API');
  return { url: `http://${host}:${actual}`, stop: () => closeServer(server) };
}
