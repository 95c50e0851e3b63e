// The REST API described by the template's AWS::ApiGateway::* resources.
import type { Resolver } from '../intrinsics.ts';
import { props, resourcesOfType } from '../template.ts';

export interface MethodModel {
  httpMethod: string;
  resourceId: string;
  resourcePath: string;
  apiKeyRequired: boolean;
  authorizerId: string | undefined;
  /** AWS_IAM: the caller signs with SigV4 (apigw/iam.ts). */
  iam: boolean;
  integration: IntegrationModel;
}

export type IntegrationModel =
  | { type: 'AWS_PROXY'; functionLogicalId: string; timeoutMs: number }
  /** CDK's CORS preflight methods: a fixed reply chosen by the request template's statusCode. */
  | { type: 'MOCK'; statusCode: number; headers: Record<string, string>; body: string }
  | { type: 'UNSUPPORTED'; description: string };

export interface ResourceModel {
  id: string;
  path: string;
  /** Path split on `/`; `{name}` and `{name+}` segments are parameters. */
  segments: string[];
  methods: Map<string, MethodModel>;
}

export interface AuthorizerModel {
  id: string;
  name: string;
  type: 'REQUEST' | 'TOKEN';
  functionLogicalId: string;
  /** `method.request.header.x-api-key`, `method.request.querystring.q`, ... */
  identitySources: string[];
  ttlSeconds: number;
}

export interface GatewayResponseModel {
  statusCode: number | undefined;
  parameters: Record<string, string>;
  templates: Record<string, string>;
}

export interface ApiModel {
  logicalId: string;
  apiId: string;
  apiKeySource: 'HEADER' | 'AUTHORIZER';
  binaryMediaTypes: string[];
  /** stage name → stage variables (null when the stage has none, as the proxy event shows). */
  stages: Map<string, Record<string, string> | null>;
  resources: ResourceModel[];
  authorizers: Map<string, AuthorizerModel>;
  gatewayResponses: Map<string, GatewayResponseModel>;
}

/** API Gateway's default integration timeout for REST APIs. */
const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

export function readApi(resolver: Resolver): ApiModel | undefined {
  const apis = resourcesOfType(resolver.template, 'AWS::ApiGateway::RestApi');
  if (apis.length === 0) return undefined;
  if (apis.length > 1) {
    // execute-api tells APIs apart by host name; one local port serves one API.
    throw new Error(`The emulator serves one RestApi; the template has ${apis.map(([id]) => id).join(', ')}`);
  }
  const [logicalId, api] = apis[0]!;
  const apiProps = resolver.resolve(props(api)) as Record<string, any>;
  const apiId = resolver.ref(logicalId);
  const belongs = (p: Record<string, any>) => p.RestApiId === apiId;

  const resources = new Map<string, ResourceModel>();
  const rootId = resolver.getAtt(logicalId, 'RootResourceId');
  resources.set(rootId, { id: rootId, path: '/', segments: [], methods: new Map() });
  const parents = new Map<string, { parentId: string; part: string }>();
  for (const [id, r] of resourcesOfType(resolver.template, 'AWS::ApiGateway::Resource')) {
    const p = resolver.resolve(props(r)) as Record<string, any>;
    if (belongs(p)) parents.set(resolver.ref(id), { parentId: p.ParentId, part: p.PathPart });
  }
  const pathOf = (id: string): string[] => {
    if (id === rootId) return [];
    const entry = parents.get(id);
    if (!entry) throw new Error(`API resource ${id} has no parent in the template`);
    return [...pathOf(entry.parentId), entry.part];
  };
  for (const id of parents.keys()) {
    const segments = pathOf(id);
    resources.set(id, { id, path: '/' + segments.join('/'), segments, methods: new Map() });
  }

  for (const [id, m] of resourcesOfType(resolver.template, 'AWS::ApiGateway::Method')) {
    const p = resolver.resolve(props(m)) as Record<string, any>;
    if (!belongs(p)) continue;
    const resource = resources.get(p.ResourceId);
    if (!resource) throw new Error(`Method ${id} is on unknown resource ${p.ResourceId}`);
    const httpMethod = String(p.HttpMethod).toUpperCase();
    resource.methods.set(httpMethod, {
      httpMethod,
      resourceId: resource.id,
      resourcePath: resource.path,
      apiKeyRequired: p.ApiKeyRequired === true || p.ApiKeyRequired === 'true',
      authorizerId: p.AuthorizationType === 'CUSTOM' ? p.AuthorizerId : undefined,
      iam: p.AuthorizationType === 'AWS_IAM',
      integration: readIntegration(resolver, id, p.Integration ?? {}),
    });
  }

  const authorizers = new Map<string, AuthorizerModel>();
  for (const [id, a] of resourcesOfType(resolver.template, 'AWS::ApiGateway::Authorizer')) {
    const p = resolver.resolve(props(a)) as Record<string, any>;
    if (!belongs(p)) continue;
    if (p.Type !== 'REQUEST' && p.Type !== 'TOKEN') throw new Error(`Authorizer ${id}: type ${p.Type} is not emulated`);
    authorizers.set(resolver.ref(id), {
      id: resolver.ref(id),
      name: String(p.Name ?? id),
      type: p.Type,
      functionLogicalId: functionOfUri(resolver, id, String(p.AuthorizerUri)),
      identitySources: String(p.IdentitySource ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      // CloudFormation's default TTL is 300 s.
      ttlSeconds: Number(p.AuthorizerResultTtlInSeconds ?? 300),
    });
  }

  const gatewayResponses = new Map<string, GatewayResponseModel>();
  for (const [, g] of resourcesOfType(resolver.template, 'AWS::ApiGateway::GatewayResponse')) {
    const p = resolver.resolve(props(g)) as Record<string, any>;
    if (!belongs(p)) continue;
    gatewayResponses.set(p.ResponseType, {
      statusCode: p.StatusCode === undefined ? undefined : Number(p.StatusCode),
      parameters: p.ResponseParameters ?? {},
      templates: p.ResponseTemplates ?? {},
    });
  }

  const stages = new Map<string, Record<string, string> | null>();
  for (const [, s] of resourcesOfType(resolver.template, 'AWS::ApiGateway::Stage')) {
    const p = resolver.resolve(props(s)) as Record<string, any>;
    if (belongs(p)) stages.set(p.StageName, p.Variables && Object.keys(p.Variables).length > 0 ? p.Variables : null);
  }
  // A Deployment with StageName creates its stage implicitly.
  for (const [, d] of resourcesOfType(resolver.template, 'AWS::ApiGateway::Deployment')) {
    const p = resolver.resolve(props(d)) as Record<string, any>;
    if (belongs(p) && p.StageName && !stages.has(p.StageName)) stages.set(p.StageName, null);
  }

  return {
    logicalId,
    apiId,
    apiKeySource: apiProps.ApiKeySourceType === 'AUTHORIZER' ? 'AUTHORIZER' : 'HEADER',
    binaryMediaTypes: (apiProps.BinaryMediaTypes ?? []).map((t: string) => t.replaceAll('~1', '/')),
    stages,
    resources: [...resources.values()],
    authorizers,
    gatewayResponses,
  };
}

function readIntegration(resolver: Resolver, methodId: string, i: Record<string, any>): IntegrationModel {
  if (i.Type === 'AWS_PROXY') {
    return {
      type: 'AWS_PROXY',
      functionLogicalId: functionOfUri(resolver, methodId, String(i.Uri)),
      timeoutMs: Number(i.TimeoutInMillis ?? DEFAULT_INTEGRATION_TIMEOUT_MS),
    };
  }
  if (i.Type === 'MOCK') {
    const requested = JSON.parse(i.RequestTemplates?.['application/json'] ?? '{"statusCode": 200}').statusCode;
    const responses: Array<Record<string, any>> = i.IntegrationResponses ?? [];
    const chosen = responses.find((r) => Number(r.StatusCode) === Number(requested)) ?? responses.find((r) => !r.SelectionPattern);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries<string>(chosen?.ResponseParameters ?? {})) {
      const name = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
      if (name && /^'.*'$/s.test(value)) headers[name] = value.slice(1, -1);
    }
    const templates = chosen?.ResponseTemplates ?? {};
    return {
      type: 'MOCK',
      statusCode: Number(chosen?.StatusCode ?? requested ?? 200),
      headers,
      body: templates['application/json'] ?? Object.values<string>(templates)[0] ?? '',
    };
  }
  return { type: 'UNSUPPORTED', description: `${methodId}: integration type ${i.Type}` };
}

/** `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations` → function. */
function functionOfUri(resolver: Resolver, owner: string, uri: string): string {
  const arn = /functions\/(arn:[^/]+)\/invocations/.exec(uri)?.[1];
  const id = arn && resolver.logicalIdOf('AWS::Lambda::Function', (f) => arn === f.attributes.Arn || arn.startsWith(`${f.attributes.Arn}:`));
  if (!id) throw new Error(`${owner}: integration ${uri} does not name a function of this stack`);
  return id;
}
