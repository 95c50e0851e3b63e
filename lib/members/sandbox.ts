/**
 * Online testing: a member's sandbox companies on a payee gateway, made through payee's own admin
 * API (SigV4, the site's role) — a company, an API key shown once, a WeChat Pay config of the
 * provider sandbox — then test payments through the merchant API with that key, server side, and
 * test notifications signed with the company's notify secret as payee signs them.
 */
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { postNotification } from '../notify/deliver.ts';
import { signNotification, SIGNATURE_HEADER } from '../notify/signature.ts';
import { notifyUrlProblem } from '../notify/url-policy.ts';
import { logger } from '../observability/logger.ts';
import { MemberError, invalid, notFound } from './errors.ts';
import { qrImage } from './qr-image.ts';
import { requireRole } from './roles.ts';
import type { NotifyAttempt, SandboxCompany } from './schemas.ts';
import { accountOf } from './service.ts';
import type { MemberStore, User } from './store.ts';

/** payee's admin API: one signed request (cli/client.ts adminRequest on the site's credentials). */
export type AdminCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

export interface Gateway {
  admin: AdminCall;
  /** The merchant API's base URL, with the stage. */
  apiUrl: string;
  /** The WeChat Pay sandbox that issues the sandbox merchant a member's company pays through. */
  wechatSandboxUrl: string;
  /** Test notifications may go to loopback and private addresses (the local stack only). */
  allowPrivateUrls: boolean;
}

export const testNotificationBody = z.strictObject({ url: z.url({ protocol: /^https?$/ }) });
export const MAX_COMPANIES = 3;

export class SandboxService {
  constructor(
    private readonly store: MemberStore,
    private readonly gateway: Gateway,
  ) {}

  get apiUrl(): string {
    return this.gateway.apiUrl;
  }

  /** An admin call whose failure is the gateway's, not the member's request's: a 502 that says so. */
  private async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return (await this.gateway.admin(method, path, body)).body as T;
    } catch (err) {
      logger.error('member sandbox: admin API failed', { event: 'member.admin_error', path, error: (err as Error).message });
      throw new MemberError(502, 'gateway_unavailable', "payee's admin API did not accept the request; try again later");
    }
  }

  /** The account's company, or a 404 (another account's is absent to this one). */
  private async company(actor: User, companyId: string) {
    const item = await this.store.companyItem(accountOf(actor), companyId);
    if (!item) throw notFound('company', 'companyId');
    return item;
  }

  async list(actor: User): Promise<SandboxCompany[]> {
    return (await this.store.companyItems(accountOf(actor))).map(({ companyId, name, apiKeyId, payId, createdAt }) => ({ companyId, name, apiKeyId, payId, createdAt }));
  }

  /** A new sandbox company; the answer carries its API key, the only time it is shown. */
  async create(actor: User): Promise<SandboxCompany & { apiKey: string }> {
    requireRole(actor.role, 'manageCompanies');
    const account = accountOf(actor);
    if ((await this.store.companyItems(account)).length >= MAX_COMPANIES) throw new MemberError(409, 'company_limit', `An account has at most ${MAX_COMPANIES} sandbox companies`);
    const name = `sandbox ${actor.email}`.slice(0, 100);
    const company = await this.admin<{ companyId: string; notifySecret: string }>('POST', '/v1/admin/companies', { name });
    const key = await this.admin<{ apiKeyId: string; value: string }>('POST', `/v1/admin/companies/${company.companyId}/api-keys`, { tier: 'standard' });
    const merchant = await fetch(`${this.gateway.wechatSandboxUrl}/sandbox/merchants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(10_000) });
    if (!merchant.ok) throw new MemberError(502, 'sandbox_unavailable', 'The WeChat Pay sandbox did not answer; try again');
    const { payeeConfig } = (await merchant.json()) as { payeeConfig: unknown };
    const config = await this.admin<{ payId: string }>('POST', `/v1/admin/companies/${company.companyId}/pay-configs`, { channel: 'wechat', config: payeeConfig });
    const item = { companyId: company.companyId, name, apiKeyId: key.apiKeyId, payId: config.payId, createdAt: new Date().toISOString() };
    await this.store.putCompany(account, { ...item, apiKey: key.value, notifySecret: company.notifySecret });
    logger.info('member sandbox company created', { event: 'member.company', userId: actor.userId, companyId: company.companyId });
    return { ...item, apiKey: key.value };
  }

  private async merchant(apiKey: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.gateway.apiUrl}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...(body ? { 'idempotency-key': ulid() } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const json = (await res.json().catch(() => ({}))) as any;
    if (!res.ok) throw new MemberError(502, 'gateway_refused', `payee answered ${res.status}: ${json?.error?.message ?? 'no reason'}`);
    return json;
  }

  /** A test payment of CNY 0.01 by WeChat Pay Native: the payment as payee answered, its QR code's link also as a scannable image. */
  async testPayment(actor: User, companyId: string): Promise<{ payment: unknown; qrImage?: string }> {
    requireRole(actor.role, 'testPayments');
    const company = await this.company(actor, companyId);
    const payment = await this.merchant(company.apiKey, 'POST', '/v1/payments', { method: 'wechat.native', outTradeNo: `T${ulid()}`, subject: 'payee sandbox test', amount: 1, currency: 'CNY' });
    const action = payment?.action as { type?: string; value?: string } | undefined;
    return { payment, ...(action?.type === 'qr_code' && action.value ? { qrImage: qrImage(action.value) } : {}) };
  }

  async payments(actor: User, companyId: string): Promise<unknown[]> {
    const company = await this.company(actor, companyId);
    const page = await this.merchant(company.apiKey, 'GET', '/v1/payments?limit=20');
    return page.data;
  }

  /** Posts a signed `test.ping` notification to the member's URL and records the attempt. */
  async testNotification(actor: User, companyId: string, url: string): Promise<NotifyAttempt> {
    requireRole(actor.role, 'testPayments');
    const company = await this.company(actor, companyId);
    // The gateway's own rule for notification URLs: deployed, public addresses only (checked again on each resolved address).
    const policy = this.gateway.allowPrivateUrls ? 'local' : 'public';
    const problem = notifyUrlProblem(url, policy);
    if (problem) throw invalid('url', `url ${problem}`);
    const body = JSON.stringify({ id: `N${ulid()}`, type: 'test.ping', createdAt: new Date().toISOString(), data: { companyId } });
    const at = new Date().toISOString();
    const result = await postNotification(url, body, { [SIGNATURE_HEADER]: signNotification(company.notifySecret, Math.floor(Date.now() / 1000), body) }, { timeoutMs: 5000, policy });
    const ok = result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
    const attempt: NotifyAttempt = { at, url, ms: result.latencyMs, ok, ...(result.statusCode ? { status: result.statusCode } : {}), ...(result.error ? { error: result.error } : {}) };
    await this.store.putAttempt(accountOf(actor), companyId, attempt);
    return attempt;
  }

  async attempts(actor: User, companyId: string): Promise<NotifyAttempt[]> {
    await this.company(actor, companyId);
    return this.store.attempts(accountOf(actor), companyId);
  }
}
