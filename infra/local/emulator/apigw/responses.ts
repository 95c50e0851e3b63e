// API Gateway's own error replies ("gateway responses"): the defaults, overridden per type, or via
// DEFAULT_4XX / DEFAULT_5XX, by the template's AWS::ApiGateway::GatewayResponse resources.
import type { GatewayResponseModel } from './model.ts';

export type GatewayResponseType =
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE'
  | 'ACCESS_DENIED'
  | 'UNAUTHORIZED'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'INTEGRATION_TIMEOUT'
  | 'DEFAULT_5XX';

interface Default {
  status: number;
  message: string | null;
  errorType: string;
  /** ACCESS_DENIED's default body spells the key "Message". */
  key?: string;
}

const DEFAULTS: Record<GatewayResponseType, Default> = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token', errorType: 'MissingAuthenticationTokenException' },
  INVALID_API_KEY: { status: 403, message: 'Forbidden', errorType: 'ForbiddenException' },
  // IAM authorization (iam.ts) passes its own message: a mismatch, an unknown key, an expired date.
  INVALID_SIGNATURE: { status: 403, message: 'The request signature we calculated does not match the signature you provided.', errorType: 'InvalidSignatureException' },
  ACCESS_DENIED: { status: 403, message: 'User is not authorized to access this resource', errorType: 'AccessDeniedException', key: 'Message' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized', errorType: 'UnauthorizedException' },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, message: null, errorType: 'AuthorizerConfigurationException' },
  THROTTLED: { status: 429, message: 'Too Many Requests', errorType: 'TooManyRequestsException' },
  QUOTA_EXCEEDED: { status: 429, message: 'Limit Exceeded', errorType: 'LimitExceededException' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long', errorType: 'RequestTooLongException' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out', errorType: 'InternalServerErrorException' },
  // A Lambda error or malformed proxy result: API Gateway answers 502 through DEFAULT_5XX.
  DEFAULT_5XX: { status: 502, message: 'Internal server error', errorType: 'InternalServerErrorException' },
};

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ReplyContext {
  requestId: string;
  /** Request headers, for `method.request.header.*` response parameters. */
  requestHeader: (name: string) => string | undefined;
}

export function gatewayResponse(
  type: GatewayResponseType,
  overrides: Map<string, GatewayResponseModel>,
  context: ReplyContext,
  message?: string,
): GatewayReply {
  const base = DEFAULTS[type];
  const text = message ?? base.message;
  const custom = overrides.get(type) ?? overrides.get(base.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  const variables: Record<string, string> = {
    'context.error.message': text ?? '',
    'context.error.messageString': JSON.stringify(text),
    'context.error.responseType': type,
    'context.requestId': context.requestId,
  };
  const template = custom?.templates['application/json'] ?? Object.values(custom?.templates ?? {})[0];
  const body = template !== undefined
    ? template.replace(/\$context\.[A-Za-z.]+/g, (name) => variables[name.slice(1)] ?? '')
    : `{"${base.key ?? 'message'}":${JSON.stringify(text)}}`;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'x-amzn-ErrorType': base.errorType };
  for (const [key, value] of Object.entries(custom?.parameters ?? {})) {
    const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
    if (!name) continue;
    if (/^'.*'$/s.test(value)) headers[name] = value.slice(1, -1);
    const fromRequest = /^method\.request\.header\.(.+)$/.exec(value)?.[1];
    if (fromRequest) headers[name] = context.requestHeader(fromRequest) ?? '';
  }
  // A customised DEFAULT_4XX/5XX keeps each type's own status unless the type itself sets one.
  const status = overrides.get(type)?.statusCode ?? base.status;
  return { status, headers, body };
}
