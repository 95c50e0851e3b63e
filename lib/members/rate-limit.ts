/**
 * Attempts counted per key (a hashed e-mail, a client IP) in fixed 15-minute windows. Failed
 * logins: the fifth failure in a window closes the login for that e-mail (or IP) until the window
 * ends, even with the right password; a success does not reset the count (guesses spread between
 * right logins stay counted). Requests that send mail (sign-up, password reset) are counted too,
 * so no one can make payee mail an address over and over or sign up in bulk. A refusal is a 429
 * with Retry-After.
 */
import { createHash } from 'node:crypto';
import { MemberError } from './errors.ts';
import type { MemberStore } from './store.ts';

export const LOGIN_FAILURES_ALLOWED = 5;
export const WINDOW_S = 15 * 60;
/** Reset mails to one address per window, and mail-sending requests (sign-ups, resets) from one IP. */
export const MAILS_PER_EMAIL = 3;
export const MAIL_REQUESTS_PER_IP = 30;

/** A counter and how many attempts it admits per window. */
export type Limit = readonly [key: string, allowed: number];

const emailKey = (kind: string, email: string) => `${kind}-email#${createHash('sha256').update(email).digest('base64url')}`;

/** The counters a login attempt falls under; the e-mail hashed (the table holds no clear one here). */
export const loginLimits = (email: string, ip: string): Limit[] => [
  [emailKey('login', email), LOGIN_FAILURES_ALLOWED],
  [`login-ip#${ip}`, LOGIN_FAILURES_ALLOWED],
];

/** The counters a request that sends mail falls under: to this address (resets only), from this IP. */
export const mailLimits = (ip: string, email?: string): Limit[] => [
  ...(email === undefined ? [] : [[emailKey('mail', email), MAILS_PER_EMAIL] as const]),
  [`mail-ip#${ip}`, MAIL_REQUESTS_PER_IP],
];

export class AttemptLimiter {
  constructor(
    private readonly store: Pick<MemberStore, 'count' | 'counted'>,
    private readonly clock: () => number = Date.now,
  ) {}

  private window() {
    const nowS = Math.floor(this.clock() / 1000);
    const start = nowS - (nowS % WINDOW_S);
    return { start, end: start + WINDOW_S, nowS };
  }

  /** Throws a 429 naming `param` when any counter has used up its attempts in this window. */
  async check(limits: readonly Limit[], refusal: { what: string; param: string }): Promise<void> {
    const { start, end, nowS } = this.window();
    const counts = await Promise.all(limits.map(([key]) => this.store.counted(key, start)));
    if (counts.some((n, i) => n >= limits[i]![1])) {
      throw new MemberError(429, 'too_many_attempts', `Too many ${refusal.what}: try again in ${Math.ceil((end - nowS) / 60)} minutes`, refusal.param, end - nowS);
    }
  }

  async count(limits: readonly Limit[]): Promise<void> {
    const { start, end } = this.window();
    await Promise.all(limits.map(([key]) => this.store.count(key, start, end + 60)));
  }
}
