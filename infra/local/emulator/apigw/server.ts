// The execute-api stand-in: serves the REST API under /<stage>/..., checking in API Gateway's
// order: route → Lambda authorizer → API key → usage-plan throttle and quota → integration.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FunctionPool } from '../lambda/pool.ts';
import { closeServer, listen } from '../ports.ts';
import { Authorizers } from './authorizer.ts';
import { header, proxyEvent, type GatewayRequest } from './events.ts';
import { verifySigV4, type IamCredential } from './iam.ts';
import { mapProxyResult } from './integration.ts';
import type { ApiModel } from './model.ts';
import { gatewayResponse, type GatewayResponseType } from './responses.ts';
import { matchRoute } from './routes.ts';
import type { Usage } from './usage.ts';
import { KEEP_ALIVE_OPTIONS } from '../../keep-alive.ts';

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ApiServerOptions {
  api: ApiModel;
  usage: Usage;
  pools: Map<string, FunctionPool>;
  region: string;
  accountId: string;
  host: string;
  port: number;
  /** Who may call AWS_IAM methods (SigV4); none: every such call is refused. */
  iamCredentials?: readonly IamCredential[];
}

export interface ApiServer {
  /** `http://<host>:<port>` (without a stage). */
  url: string;
  stop(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Map<string, string[]> | Record<string, string>;
  body: Buffer | string;
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { api, usage, pools } = options;
  const authorizers = new Authorizers(api, pools);

  async function handle(request: GatewayRequest | undefined, tooLarge: boolean, requestId: string): Promise<Reply> {
    const context = { requestId, requestHeader: (name: string) => (request ? header(request, name) : undefined) };
    const fail = (type: GatewayResponseType, message?: string) => gatewayResponse(type, api.gatewayResponses, context, message);
    if (tooLarge) return fail('REQUEST_TOO_LARGE');
    if (!request) {
      // An unknown stage has no API configuration at all, hence no customisable gateway response.
      return { status: 403, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'ForbiddenException' }, body: '{"message":"Forbidden"}' };
    }
    const match = matchRoute(api.resources, request.path.split('/').filter(Boolean));
    const method = match && (match.resource.methods.get(request.httpMethod) ?? match.resource.methods.get('ANY'));
    if (!match || !method) return fail('MISSING_AUTHENTICATION_TOKEN');

    let iamAccessKey: string | undefined;
    if (method.iam) {
      const outcome = await verifySigV4(request, `/${request.stage}${request.path}`, options.iamCredentials ?? []);
      if (!outcome.ok) return fail(outcome.responseType, outcome.message);
      iamAccessKey = outcome.accessKeyId;
    }

    let authorizerContext: Record<string, unknown> | undefined;
    let usageIdentifierKey: string | undefined;
    if (method.authorizerId) {
      const authorizer = api.authorizers.get(method.authorizerId);
      if (!authorizer) return fail('AUTHORIZER_CONFIGURATION_ERROR');
      const outcome = await authorizers.authorize(authorizer, method, request, match.pathParameters);
      if (!outcome.ok) return fail(outcome.responseType, outcome.message);
      authorizerContext = outcome.context;
      usageIdentifierKey = outcome.usageIdentifierKey;
    }

    const identity = { apiKey: null as string | null, apiKeyId: null as string | null, accessKey: iamAccessKey ?? null };
    if (method.apiKeyRequired) {
      const value = api.apiKeySource === 'HEADER' ? header(request, 'x-api-key') : usageIdentifierKey;
      const granted = usage.authorize(value, api.apiId, request.stage);
      if (!granted) return fail('INVALID_API_KEY');
      const limit = usage.take(granted.plan, granted.key.id);
      if (limit !== 'OK') return fail(limit);
      identity.apiKey = granted.key.value;
      identity.apiKeyId = granted.key.id;
    }

    const integration = method.integration;
    if (integration.type === 'MOCK') return { status: integration.statusCode, headers: integration.headers, body: integration.body };
    if (integration.type === 'UNSUPPORTED') return fail('DEFAULT_5XX', `emulator: ${integration.description} is not emulated`);
    const event = proxyEvent(api, method, request, match.pathParameters, identity, authorizerContext);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), integration.timeoutMs)));
    // On an integration timeout the function keeps running, as it does behind API Gateway.
    const invoked = await Promise.race([pools.get(integration.functionLogicalId)!.invoke(event), timedOut]).finally(() => clearTimeout(timer));
    if (invoked === 'timeout') return fail('INTEGRATION_TIMEOUT');
    const reply = invoked.ok ? mapProxyResult(invoked.payload) : undefined;
    if (!reply) return fail('DEFAULT_5XX');
    const hasType = [...reply.headers.keys()].some((k) => k.toLowerCase() === 'content-type');
    // API Gateway labels a proxied body without Content-Type as JSON.
    if (!hasType) reply.headers.set('Content-Type', ['application/json']);
    return reply;
  }

  const server = createServer(KEEP_ALIVE_OPTIONS, (req, res) => {
    const requestId = randomUUID();
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const request = tooLarge ? undefined : gatewayRequest(req, Buffer.concat(chunks), requestId, receivedAt, options, api);
      handle(request, tooLarge, requestId)
        .catch((error: unknown): Reply => {
          console.error('emulator: API request failed', error);
          return gatewayResponse('DEFAULT_5XX', api.gatewayResponses, { requestId, requestHeader: () => undefined });
        })
        .then((reply) => send(res, reply, requestId));
    });
  });
  const port = await listen(server, options.port, options.host, 'the API Gateway emulator');
  return { url: `http://${options.host}:${port}`, stop: () => closeServer(server) };
}

/** Undefined when the first path segment is not a stage of the API. */
function gatewayRequest(req: IncomingMessage, body: Buffer, requestId: string, receivedAt: number, options: ApiServerOptions, api: ApiModel): GatewayRequest | undefined {
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const stageSegment = rawPath.split('/')[1] ?? '';
  const stage = decodeURIComponent(stageSegment);
  if (!api.stages.has(stage)) return undefined;
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  // API Gateway sets the forwarding headers itself, appending the caller to X-Forwarded-For.
  const forwarded = new Set(['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'x-amzn-trace-id']);
  const rawHeaders: string[] = [];
  let forwardedFor: string | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (name.toLowerCase() === 'x-forwarded-for') forwardedFor = req.rawHeaders[i + 1];
    if (!forwarded.has(name.toLowerCase())) rawHeaders.push(name, req.rawHeaders[i + 1]!);
  }
  rawHeaders.push(
    'X-Amzn-Trace-Id', traceId(receivedAt),
    'X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${sourceIp}` : sourceIp,
    'X-Forwarded-Port', String(req.socket.localPort ?? ''),
    'X-Forwarded-Proto', 'http',
  );
  return {
    requestId,
    extendedRequestId: randomBytes(12).toString('base64').slice(0, 15) + '=',
    receivedAt,
    httpMethod: (req.method ?? 'GET').toUpperCase(),
    stage,
    path: rawPath.slice(stageSegment.length + 1) || '/',
    rawHeaders,
    query: new URLSearchParams(rawQuery),
    body,
    sourceIp,
    accountId: options.accountId,
    region: options.region,
  };
}

function traceId(at: number): string {
  return `Root=1-${Math.floor(at / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  const entries: Array<[string, string[]]> =
    reply.headers instanceof Map ? [...reply.headers] : Object.entries(reply.headers).map(([k, v]) => [k, [v]]);
  for (const [name, values] of entries) res.setHeader(name, values);
  res.setHeader('x-amzn-RequestId', requestId);
  res.setHeader('x-amz-apigw-id', randomBytes(12).toString('base64').slice(0, 15) + '=');
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  res.setHeader('Content-Length', body.length);
  res.writeHead(reply.status);
  res.end(body);
}
