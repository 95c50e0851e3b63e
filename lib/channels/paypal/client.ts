/**
 * Calls to PayPal's REST API (§4.1): bearer token, JSON, `PayPal-Request-Id` on every POST so a
 * retried call is the same call. 2xx and 4xx are answers for the caller to read; no reply, 5xx,
 * 429 and unparseable replies mean the outcome is unknown: ProviderUnavailable.
 */
import type { ChannelCall } from '../channel.ts';
import { callProvider } from '../provider-call.ts';
import { ProviderUnavailable } from '../../domain/errors.ts';
import { accessToken, dropToken, PayPalAuthRefused } from './auth.ts';
import type { PayPalConfig } from './config.ts';

export interface PayPalReply {
  status: number;
  body: Record<string, unknown>;
}

type Request = { method: 'GET' } | { method: 'POST'; requestId: string; body: unknown };

/** PayPal's error name and first issue, e.g. `UNPROCESSABLE_ENTITY/ORDER_NOT_APPROVED`, for codes and logs. */
export function errorCode(reply: PayPalReply): { code: string; message: string } {
  const details = reply.body.details;
  const issue = Array.isArray(details) && typeof details[0]?.issue === 'string' ? (details[0].issue as string) : undefined;
  const name = typeof reply.body.name === 'string' ? reply.body.name : `HTTP_${reply.status}`;
  const message = typeof reply.body.message === 'string' ? reply.body.message : '';
  return { code: issue ?? name, message: issue ? `${name}: ${message}` : message };
}

async function send(call: ChannelCall<PayPalConfig>, path: string, request: Request, token: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (request.method === 'POST') {
    headers['content-type'] = 'application/json';
    headers['paypal-request-id'] = request.requestId;
    headers.prefer = 'return=representation';
  }
  return callProvider(
    call,
    new URL(path, call.config.baseUrl),
    { method: request.method, headers, body: request.method === 'POST' ? JSON.stringify(request.body) : undefined },
    `paypal ${request.method} ${path}`,
  );
}

export async function paypalApi(call: ChannelCall<PayPalConfig>, path: string, request: Request): Promise<PayPalReply> {
  let response = await send(call, path, request, await accessToken(call));
  if (response.status === 401) {
    // The cached token was revoked or expired early: one fresh token, once.
    dropToken(call.config);
    response = await send(call, path, request, await accessToken(call));
  }
  const what = `paypal ${request.method} ${path}`;
  if (response.status >= 500 || response.status === 429 || response.status === 401) throw new ProviderUnavailable(`${what}: HTTP ${response.status}`);
  let body: unknown;
  try {
    body = response.body === '' ? {} : JSON.parse(response.body);
  } catch {
    throw new ProviderUnavailable(`${what}: HTTP ${response.status}, reply is not JSON`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProviderUnavailable(`${what}: reply is not a JSON object`);
  if (response.status < 200 || (response.status >= 300 && response.status < 400)) throw new ProviderUnavailable(`${what}: HTTP ${response.status}`);
  return { status: response.status, body: body as Record<string, unknown> };
}

/** paypalApi for follow-up calls: an auth refusal is a configuration fault with no outcome of its own, so the outcome stays unknown. */
export async function paypalCall(call: ChannelCall<PayPalConfig>, path: string, request: Request): Promise<PayPalReply> {
  try {
    return await paypalApi(call, path, request);
  } catch (error) {
    if (error instanceof PayPalAuthRefused) throw new ProviderUnavailable(error.message, error);
    throw error;
  }
}
