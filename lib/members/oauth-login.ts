/**
 * Third-party login (PROTOCOLS.md §7): the browser goes to the provider's consent page with a
 * signed `state` bound to a cookie of this browser; back with a code, the code is exchanged for the
 * provider's user id. A logged-in member links that user to their account (usr_ext_<provider>);
 * later the provider's user logs in as that member. A bad state, or an expired or used code, is a
 * 400 that changes nothing.
 */
import { randomBytes } from 'node:crypto';
import { logger } from '../observability/logger.ts';
import { MemberError } from './errors.ts';
import type { MemberService, RequestContext } from './service.ts';
import type { User } from './store.ts';
import { openToken, signToken } from './tokens.ts';

/** A provider's user, as its code exchange names them: `subject` is the id links are made on. */
export interface ProviderUser {
  subject: string;
  ids: Record<string, string>;
}

export interface OAuthProvider {
  readonly name: 'wechat' | 'alipay';
  /** The consent page's address for this callback and state. */
  authorizeUrl(redirectUri: string, state: string): string;
  /** The code's user, or a MemberError naming `code` when the provider refuses it. */
  exchange(code: string): Promise<ProviderUser>;
}

export const OAUTH_COOKIE = 'payee_oauth';
const STATE_TTL_S = 600;

export const codeRefused = (provider: string, reason: string) =>
  new MemberError(400, 'oauth_code_invalid', `code was refused by ${provider} (${reason}): it has expired or was used; log in again`, 'code');

export class OAuthLogin {
  constructor(
    private readonly service: MemberService,
    readonly provider: OAuthProvider,
  ) {}

  /** Where the browser goes, and the nonce its cookie must carry back. */
  async start(ctx: RequestContext): Promise<{ location: string; nonce: string }> {
    const nonce = randomBytes(16).toString('base64url');
    const state = signToken(await this.service.store.signingKey(), { purpose: 'oauth-state', sub: nonce, exp: Math.floor(Date.now() / 1000) + STATE_TTL_S });
    return { location: this.provider.authorizeUrl(`${ctx.siteUrl}/api/members/oauth/${this.provider.name}/callback`, state), nonce };
  }

  /** The provider's user of a returning browser: linked to `current` when logged in; the member to log in as otherwise. */
  async finish(input: { code: string | null; state: string | null; nonce: string | undefined }, current: User | undefined, ctx: RequestContext): Promise<{ session?: string; linked: boolean }> {
    const via = this.provider.name;
    const claims = openToken(await this.service.store.signingKey(), input.state ?? '', 'oauth-state', 'state');
    if (!input.nonce || claims.sub !== input.nonce) throw new MemberError(400, 'state_mismatch', 'state does not belong to this browser: start the login again', 'state');
    if (!input.code) throw new MemberError(400, 'parameter_missing', 'code is required', 'code');
    let who: ProviderUser;
    try {
      who = await this.provider.exchange(input.code);
    } catch (err) {
      logger.warn('member third-party login refused', { event: 'member.login', via, outcome: 'code_refused', ip: ctx.ip });
      throw err;
    }
    if (current) {
      const linked = await this.service.store.link(current.userId, { provider: via, subject: who.subject, linkedAt: new Date().toISOString(), ids: who.ids });
      if (!linked) throw new MemberError(409, 'already_linked', `This ${via} user is linked to an account already`, 'code');
      logger.info('member third-party login linked', { event: 'member.link', via, userId: current.userId });
      return { linked: true };
    }
    const userId = await this.service.store.linkedUser(via, who.subject);
    const user = userId ? await this.service.store.user(userId) : undefined;
    if (!user) {
      logger.info('member third-party login refused', { event: 'member.login', via, outcome: 'not_linked', ip: ctx.ip });
      return { linked: false };
    }
    const session = await this.service.openSession(user, ctx);
    logger.info('member logged in', { event: 'member.login', via, outcome: 'ok', userId: user.userId, ip: ctx.ip });
    return { session, linked: true };
  }
}
