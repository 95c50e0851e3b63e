/**
 * Failed logins counted per e-mail and per client IP in fixed 15-minute windows: the fifth
 * failure in a window closes the login for that e-mail (or IP) until the window ends, even with the
 * right password (a 429 with Retry-After). A success does not reset the count: guesses spread
 * between right logins stay counted.
 */
import { createHash } from 'node:crypto';
import { MemberError } from './errors.ts';
import type { MemberStore } from './store.ts';

export const LOGIN_FAILURES_ALLOWED = 5;
export const LOGIN_WINDOW_S = 15 * 60;

/** The counters a login attempt falls under; the e-mail hashed (the table holds no clear one here). */
export const loginKeys = (email: string, ip: string): string[] => [`login-email#${createHash('sha256').update(email).digest('base64url')}`, `login-ip#${ip}`];

export class LoginLimiter {
  constructor(
    private readonly store: Pick<MemberStore, 'count' | 'counted'>,
    private readonly clock: () => number = Date.now,
  ) {}

  private window() {
    const nowS = Math.floor(this.clock() / 1000);
    const start = nowS - (nowS % LOGIN_WINDOW_S);
    return { start, end: start + LOGIN_WINDOW_S, nowS };
  }

  /** Throws a 429 when any of the keys has used up its failures in this window. */
  async check(keys: string[]): Promise<void> {
    const { start, end, nowS } = this.window();
    const counts = await Promise.all(keys.map((k) => this.store.counted(k, start)));
    if (counts.some((n) => n >= LOGIN_FAILURES_ALLOWED)) {
      throw new MemberError(429, 'too_many_attempts', `Too many failed logins: try again in ${Math.ceil((end - nowS) / 60)} minutes`, 'email', end - nowS);
    }
  }

  async fail(keys: string[]): Promise<void> {
    const { start, end } = this.window();
    await Promise.all(keys.map((k) => this.store.count(k, start, end + 60)));
  }
}
