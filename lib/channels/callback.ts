/** Helpers shared by the channels' callback verification. */
import { decodeForm, isFormUtf8 } from '../http/form.ts';
import type { CallbackFailure, CallbackRequest } from './channel.ts';

/** A callback refused for `reason`, with what was wrong in `detail`. */
export const fail = (reason: CallbackFailure['reason'], detail: string): CallbackFailure => ({ ok: false, reason, detail });

/**
 * The fields of a form-POST callback (UTF-8 application/x-www-form-urlencoded, strictly decoded),
 * or a `malformed` failure: wrong content-type, undecodable body, or a `required` field missing or empty.
 */
export function formCallback(request: CallbackRequest, required: readonly string[]): { ok: true; params: Record<string, string> } | CallbackFailure {
  if (!isFormUtf8(request.headers['content-type'])) {
    return fail('malformed', `content-type ${request.headers['content-type'] ?? '(none)'} is not application/x-www-form-urlencoded (utf-8)`);
  }
  const params = decodeForm(request.rawBody);
  if (typeof params === 'string') return fail('malformed', params);
  const missing = required.filter((name) => !params[name]);
  if (missing.length > 0) return fail('malformed', `missing ${missing.join(', ')}`);
  return { ok: true, params };
}
