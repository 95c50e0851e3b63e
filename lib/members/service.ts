/**
 * The member API's operations: sign-up, e-mail verification, login and logout, password reset,
 * sub-users. Each takes parsed input and the acting member; HTTP is http.ts's business.
 */
import { logger } from '../observability/logger.ts';
import { ulid } from 'ulid';
import { MemberError, invalid, unauthenticated } from './errors.ts';
import { memberMail, type MailKind, type Mailer } from './mail.ts';
import { checkPasswordStrength, decoyHash, hashPassword, verifyPassword } from './password.ts';
import { AttemptLimiter, loginLimits, mailLimits } from './rate-limit.ts';
import { requireRole, type Role } from './roles.ts';
import type { MemberView } from './schemas.ts';
import type { MemberStore, OncePurpose, User } from './store.ts';
import { openToken, randomToken, signToken, tokenHash } from './tokens.ts';

export type Lang = 'en' | 'zh';
export const SESSION_TTL_S = 7 * 86_400;
const VERIFY_TTL_S = 86_400;
const ONCE_TTL_S: Record<OncePurpose, number> = { reset: 3600, invite: 7 * 86_400 };

/** Where the request came from: the site's address (for links in mails) and the client's IP. */
export interface RequestContext {
  siteUrl: string;
  ip: string;
  lang: Lang;
}

export const accountOf = (user: User): string => user.parentId ?? user.userId;
const pagePath = (lang: Lang, page: string) => `${lang === 'zh' ? '/zh' : ''}/members/${page}`;
const nowS = () => Math.floor(Date.now() / 1000);

export class MemberService {
  readonly limiter: AttemptLimiter;

  constructor(
    readonly store: MemberStore,
    private readonly mailer: Mailer,
  ) {
    this.limiter = new AttemptLimiter(store);
  }

  /** A request that sends mail, refused (429) past its limits; counted by `sent` once it is sure to send. */
  private async limitMail(ctx: RequestContext, email?: string): Promise<{ sent(): Promise<void> }> {
    const limits = mailLimits(ctx.ip, email);
    try {
      await this.limiter.check(limits, { what: 'requests', param: 'email' });
    } catch (err) {
      logger.warn('member mail request refused', { event: 'member.mail_limited', ip: ctx.ip });
      throw err;
    }
    return { sent: () => this.limiter.count(limits) };
  }

  private async mail(kind: MailKind, ctx: RequestContext, to: string, page: string, token: string) {
    await this.mailer.send(memberMail(kind, ctx.lang, to, `${ctx.siteUrl}${pagePath(ctx.lang, page)}?token=${encodeURIComponent(token)}`));
  }

  async signUp(input: { email: string; password: string }, ctx: RequestContext): Promise<MemberView> {
    checkPasswordStrength(input.password, input.email);
    const limit = await this.limitMail(ctx);
    const user: User = { userId: `U${ulid()}`, email: input.email, passwordHash: await hashPassword(input.password), verified: false, role: 'owner', createdAt: new Date().toISOString() };
    if (!(await this.store.createUser(user))) throw new MemberError(409, 'email_taken', 'email is already registered: log in, or reset the password', 'email');
    // Counted once the member exists: a refused sign-up changes nothing.
    await limit.sent();
    await this.sendVerification(user, ctx);
    logger.info('member signed up', { event: 'member.signup', userId: user.userId });
    return this.view(user);
  }

  async sendVerification(user: User, ctx: RequestContext): Promise<void> {
    const token = signToken(await this.store.signingKey(), { purpose: 'verify', sub: user.userId, exp: nowS() + VERIFY_TTL_S });
    await this.mail('verify', ctx, user.email, 'verify.html', token);
  }

  async verify(token: string): Promise<MemberView> {
    const { sub } = openToken(await this.store.signingKey(), token, 'verify', 'token');
    const user = await this.store.user(sub);
    if (!user) throw invalid('token', 'token is not a valid link or code', 'token_invalid');
    await this.store.markVerified(user.userId);
    return this.view({ ...user, verified: true });
  }

  /** A session for the right e-mail and password; the attempt logged and counted against the limits either way. */
  async logIn(input: { email: string; password: string }, ctx: RequestContext): Promise<{ session: string; user: MemberView }> {
    const limits = loginLimits(input.email, ctx.ip);
    try {
      await this.limiter.check(limits, { what: 'failed logins', param: 'email' });
    } catch (err) {
      logger.warn('member login refused', { event: 'member.login', outcome: 'rate_limited', ip: ctx.ip });
      throw err;
    }
    const user = await this.store.userByEmail(input.email);
    // An unknown e-mail costs the same hash as a wrong password: the timing tells nothing.
    const ok = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await decoyHash()), false);
    if (!user || !ok) {
      await this.limiter.count(limits);
      logger.warn('member login failed', { event: 'member.login', outcome: 'failed', userId: user?.userId, ip: ctx.ip });
      throw new MemberError(401, 'login_failed', 'The e-mail or the password is wrong', 'password');
    }
    if (!user.verified) {
      logger.info('member login refused', { event: 'member.login', outcome: 'unverified', userId: user.userId, ip: ctx.ip });
      throw new MemberError(403, 'email_unverified', 'Confirm your e-mail first: open the link we sent you', 'email');
    }
    const session = await this.openSession(user, ctx);
    logger.info('member logged in', { event: 'member.login', outcome: 'ok', userId: user.userId, ip: ctx.ip });
    return { session, user: await this.view(user) };
  }

  /** A new session for a user who proved who they are (a password, a third-party login). */
  async openSession(user: User, ctx: RequestContext): Promise<string> {
    const session = randomToken();
    await this.store.putSession(tokenHash(session), user.userId, Date.now(), nowS() + SESSION_TTL_S);
    await this.store.recordOnline(user.userId, { lastLoginAt: new Date().toISOString(), lastLoginIp: ctx.ip });
    return session;
  }

  async logOut(session: string | undefined): Promise<void> {
    if (!session) return;
    const hash = tokenHash(session);
    const userId = (await this.store.session(hash))?.userId;
    await this.store.deleteSession(hash);
    if (userId) {
      await this.store.recordOnline(userId, { lastLogoutAt: new Date().toISOString() });
      logger.info('member logged out', { event: 'member.logout', userId });
    }
  }

  /** The session's user, or a 401; a session opened before the user's password last changed is over. */
  async authenticate(session: string | undefined): Promise<User> {
    const found = session ? await this.store.session(tokenHash(session)) : undefined;
    const user = found ? await this.store.user(found.userId) : undefined;
    if (!user || found!.issuedAt < (user.sessionsFrom ?? 0)) throw unauthenticated();
    return user;
  }

  /** Mails a reset link when the e-mail is a member's; answers the same either way (no account discovery). */
  async requestReset(email: string, ctx: RequestContext): Promise<void> {
    // Counted whether the address is a member's or not: the answer and its cost say nothing about that.
    await (await this.limitMail(ctx, email)).sent();
    const user = await this.store.userByEmail(email);
    if (!user) return;
    const token = randomToken();
    await this.store.putOnce(tokenHash(token), 'reset', user.userId, nowS() + ONCE_TTL_S.reset);
    await this.mail('reset', ctx, user.email, 'reset.html', token);
    logger.info('member password reset asked', { event: 'member.reset_requested', userId: user.userId });
  }

  /** Sets the password a reset link or an invitation allows; the token works once and every session opened before ends. */
  async setPasswordWith(purpose: OncePurpose, token: string, password: string): Promise<MemberView> {
    const hash = tokenHash(token);
    const holder = await this.store.peekOnce(hash, purpose);
    const user = holder ? await this.store.user(holder) : undefined;
    if (!user) throw invalid('token', 'token is not valid: it has expired or was used already; ask for a new one', 'token_invalid');
    // Checked before the token is spent: a weak password leaves the link usable.
    checkPasswordStrength(password, user.email);
    const passwordHash = await hashPassword(password);
    if ((await this.store.takeOnce(hash, purpose)) !== user.userId) throw invalid('token', 'token is not valid: it has expired or was used already; ask for a new one', 'token_invalid');
    await this.store.setPassword(user.userId, passwordHash);
    logger.info('member password set', { event: `member.${purpose}_accepted`, userId: user.userId });
    return this.view({ ...user, verified: true });
  }

  /** The owner adds a user to the account; the invitation mail lets them choose a password. */
  async invite(actor: User, input: { email: string; role: Exclude<Role, 'owner'> }, ctx: RequestContext): Promise<MemberView> {
    requireRole(actor.role, 'inviteUsers');
    const user: User = { userId: `U${ulid()}`, email: input.email, verified: false, role: input.role, parentId: accountOf(actor), createdAt: new Date().toISOString() };
    if (!(await this.store.createUser(user))) throw new MemberError(409, 'email_taken', 'email is already registered', 'email');
    const token = randomToken();
    await this.store.putOnce(tokenHash(token), 'invite', user.userId, nowS() + ONCE_TTL_S.invite);
    await this.mail('invite', ctx, user.email, 'invite.html', token);
    logger.info('member invited', { event: 'member.invite', userId: user.userId, parentId: user.parentId, role: user.role });
    return this.view(user);
  }

  /** What a member sees of a user: never the password hash; the account's users for its owner. */
  async view(user: User, options: { full?: boolean } = {}): Promise<MemberView> {
    const base: MemberView = { userId: user.userId, email: user.email, verified: user.verified, role: user.role, parentId: user.parentId, createdAt: user.createdAt, plan: user.plan };
    if (!options.full) return base;
    const [online, children, links] = await Promise.all([
      this.store.online(user.userId),
      user.role === 'owner' ? this.store.children(user.userId) : Promise.resolve([]),
      this.store.links(user.userId),
    ]);
    const childUsers = await Promise.all(children.map((c) => this.store.user(c.userId)));
    return {
      ...base,
      online: { lastLoginAt: online.lastLoginAt, lastLogoutAt: online.lastLogoutAt },
      children: children.map((c, i) => ({ userId: c.userId, email: c.email, role: c.role, verified: childUsers[i]?.verified ?? false })),
      links: links.map((l) => ({ provider: l.provider, linkedAt: l.linkedAt })),
    };
  }
}
