// The events API Gateway (REST API) sends to Lambda: proxy integration (payload 1.0) and
// REQUEST/TOKEN authorizer events.
import type { ApiModel, MethodModel } from './model.ts';

export interface GatewayRequest {
  requestId: string;
  extendedRequestId: string;
  receivedAt: number;
  httpMethod: string;
  stage: string;
  /** Path after the stage, as received (`/v1/payments/P1`). */
  path: string;
  /** Header name/value pairs in arrival order, names as the client wrote them. */
  rawHeaders: string[];
  query: URLSearchParams;
  body: Buffer;
  sourceIp: string;
  accountId: string;
  region: string;
}

export interface Identity {
  apiKey: string | null;
  apiKeyId: string | null;
  /** The SigV4 caller's access key id on an AWS_IAM method. */
  accessKey?: string | null;
}

export function headers(request: GatewayRequest): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) pairs.push([request.rawHeaders[i]!, request.rawHeaders[i + 1]!]);
  const { single, multi } = valueMaps(pairs);
  return { headers: single, multiValueHeaders: multi };
}

/**
 * A repeated name keeps its last value in `single`, all of them in `multi`. Names are the client's
 * (`constructor`, `__proto__` ...): collected in Maps and turned into objects by fromEntries, which
 * defines own properties, so no name reaches Object.prototype.
 */
export function valueMaps(pairs: Iterable<[string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } {
  const single = new Map<string, string>();
  const multi = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    single.set(name, value);
    const values = multi.get(name);
    if (values) values.push(value);
    else multi.set(name, [value]);
  }
  return { single: Object.fromEntries(single), multi: Object.fromEntries(multi) };
}

/** Case-insensitive header lookup, last value wins (API Gateway matches header names that way). */
export function header(request: GatewayRequest, name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) found = request.rawHeaders[i + 1];
  }
  return found;
}

function queryMaps(query: URLSearchParams) {
  const { single, multi } = valueMaps(query);
  const any = query.size > 0;
  return { queryStringParameters: any ? single : null, multiValueQueryStringParameters: any ? multi : null };
}

/** `09/Apr/2015:12:34:56 +0000`, the format of requestContext.requestTime. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Built by hand: Intl formatting on every request was this server's hottest function.
function requestTime(epoch: number): string {
  const d = new Date(epoch);
  const month = MONTHS[d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function methodArn(api: ApiModel, request: GatewayRequest): string {
  return `arn:aws:execute-api:${request.region}:${request.accountId}:${api.apiId}/${request.stage}/${request.httpMethod}${request.path}`;
}

function requestContext(api: ApiModel, method: MethodModel, request: GatewayRequest, identity: Identity) {
  const host = header(request, 'host') ?? '';
  return {
    resourceId: method.resourceId,
    resourcePath: method.resourcePath,
    httpMethod: request.httpMethod,
    extendedRequestId: request.extendedRequestId,
    requestTime: requestTime(request.receivedAt),
    path: `/${request.stage}${request.path}`,
    accountId: request.accountId,
    protocol: 'HTTP/1.1',
    stage: request.stage,
    domainPrefix: host.split('.')[0]!.split(':')[0]!,
    requestTimeEpoch: request.receivedAt,
    requestId: request.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: request.sourceIp,
      principalOrgId: null,
      accessKey: identity.accessKey ?? null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: header(request, 'user-agent') ?? null,
      user: null,
      apiKey: identity.apiKey,
      apiKeyId: identity.apiKeyId,
      clientCert: null,
    },
    domainName: host,
    apiId: api.apiId,
  };
}

function body(api: ApiModel, request: GatewayRequest): { body: string | null; isBase64Encoded: boolean } {
  if (request.body.length === 0) return { body: null, isBase64Encoded: false };
  const type = (header(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const binary = api.binaryMediaTypes.some((pattern) => mediaTypeMatches(pattern.toLowerCase(), type));
  return binary ? { body: request.body.toString('base64'), isBase64Encoded: true } : { body: request.body.toString('utf8'), isBase64Encoded: false };
}

function mediaTypeMatches(pattern: string, type: string): boolean {
  if (pattern === '*/*') return true;
  const [pMain, pSub] = pattern.split('/');
  const [tMain, tSub] = type.split('/');
  return (pMain === '*' || pMain === tMain) && (pSub === '*' || pSub === tSub);
}

export function proxyEvent(
  api: ApiModel,
  method: MethodModel,
  request: GatewayRequest,
  pathParameters: Record<string, string> | null,
  identity: Identity,
  authorizer: Record<string, unknown> | undefined,
) {
  const context = requestContext(api, method, request, identity);
  return {
    resource: method.resourcePath,
    path: request.path,
    httpMethod: request.httpMethod,
    ...headers(request),
    ...queryMaps(request.query),
    pathParameters,
    stageVariables: api.stages.get(request.stage) ?? null,
    requestContext: authorizer ? { ...context, authorizer } : context,
    ...body(api, request),
  };
}

export function requestAuthorizerEvent(api: ApiModel, method: MethodModel, request: GatewayRequest, pathParameters: Record<string, string> | null) {
  return {
    type: 'REQUEST',
    methodArn: methodArn(api, request),
    resource: method.resourcePath,
    path: request.path,
    httpMethod: request.httpMethod,
    ...headers(request),
    ...queryMaps(request.query),
    pathParameters: pathParameters ?? {},
    stageVariables: api.stages.get(request.stage) ?? {},
    requestContext: requestContext(api, method, request, { apiKey: null, apiKeyId: null }),
  };
}

export function tokenAuthorizerEvent(api: ApiModel, request: GatewayRequest, token: string) {
  return { type: 'TOKEN', authorizationToken: token, methodArn: methodArn(api, request) };
}
