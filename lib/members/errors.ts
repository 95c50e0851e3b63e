/**
 * The member API's one error shape: an HTTP status, a code, a message a person can act on and the
 * field it is about. The member API speaks to the website, not to merchants: its own family.
 */
export class MemberError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429 | 502 | 503,
    readonly code: string,
    message: string,
    readonly param?: string,
    /** Seconds, for a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'MemberError';
  }
}

export const invalid = (param: string, message: string, code = 'parameter_invalid') => new MemberError(400, code, message, param);
/** Absent or someone else's: never say which. */
export const notFound = (what: string, param?: string) => new MemberError(404, 'resource_missing', `No such ${what}`, param);
export const forbidden = (code: string, message: string) => new MemberError(403, code, message);
export const unauthenticated = () => new MemberError(401, 'not_logged_in', 'Log in first');
