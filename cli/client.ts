/**
 * The admin API client: each request SigV4-signed for execute-api, as API Gateway's IAM
 * authorization wants, with the local stack's operator credential (.payee/local.json `admin`) or,
 * for AWS, the caller's AWS credentials (environment, profile, SSO: the SDK's default chain).
 */
import { readFileSync } from 'node:fs';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { Sha256 } from '../lib/crypto/kms-key.ts';

export interface AdminConnection {
  /** Base URL with the stage, e.g. http://127.0.0.1:4010/live */
  apiUrl: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface AdminReply {
  status: number;
  body: any;
}

/** An answer other than 2xx: the API's error shape, or API Gateway's `{"message"}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export function connectionFromTarget(file: string): AdminConnection {
  let target: { apiUrl?: string; region?: string; admin?: AwsCredentialIdentity };
  try {
    target = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the target ${file}: ${(error as Error).message} (start the local stack with \`npm start\`, or give --api-url for AWS)`);
  }
  if (!target.apiUrl || !target.region) throw new Error(`${file} names no apiUrl and region`);
  if (!target.admin) throw new Error(`${file} has no admin credential (a local stack writes one); for AWS give --api-url and AWS credentials`);
  return { apiUrl: target.apiUrl, region: target.region, credentials: target.admin };
}

export async function connectionForAws(apiUrl: string, region: string | undefined): Promise<AdminConnection> {
  const resolved = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? /execute-api\.([a-z0-9-]+)\.amazonaws/.exec(apiUrl)?.[1];
  if (!resolved) throw new Error('no AWS region: give --region or set AWS_REGION');
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  return { apiUrl, region: resolved, credentials: defaultProvider() };
}

/** Signs and sends one request; resolves 2xx replies, throws ApiError for the others. */
export async function adminRequest(connection: AdminConnection, method: string, path: string, body?: unknown): Promise<AdminReply> {
  const url = new URL(connection.apiUrl.replace(/\/$/, '') + path);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const signer = new SignatureV4({ service: 'execute-api', region: connection.region, credentials: connection.credentials, sha256: Sha256 });
  const query: Record<string, string> = Object.fromEntries(url.searchParams);
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { host: url.host, accept: 'application/json', ...(text !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: text,
  });
  let res: Response;
  try {
    res = await fetch(url, { method, headers: signed.headers, body: text, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new Error(`cannot reach ${connection.apiUrl}: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}`);
  }
  const raw = await res.text();
  let parsed: any = raw;
  try {
    parsed = raw ? JSON.parse(raw) : undefined;
  } catch {
    // not JSON: reported as text
  }
  if (res.ok) return { status: res.status, body: parsed };
  const error = parsed?.error;
  if (error?.message) throw new ApiError(res.status, error.message, error.code, error.param);
  throw new ApiError(res.status, parsed?.message ?? parsed?.Message ?? (typeof parsed === 'string' && parsed ? parsed : res.statusText));
}
