/**
 * The operator's side of pay configs (cnf_pay_config): create, replace, read, list, disable. Every
 * write is validated against the channel's template (a missing or wrong-typed field is a 400 naming
 * `config.<field>`), secrets are sealed by the store's write path, and everything returned is
 * redacted: a secret set is shown as `{ "hasValue": true }`, never as its value.
 */
import { redactPayConfig, SECRET_SET } from '../config/redact.ts';
import { modeOf } from '../config/templates.ts';
import { validatePayConfig, type ValidatedPayConfig } from '../config/validate-pay-config.ts';
import { InvalidRequest, NotFound } from '../domain/errors.ts';
import type { PayConfig } from '../domain/payment.ts';

/** A pay config as stored: secret fields still sealed, with its mode and times. */
export interface StoredPayConfig extends PayConfig {
  mode?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface PayConfigAdminStore {
  getStored(payId: string): Promise<StoredPayConfig | undefined>;
  /** Every config of the company, disabled ones too, by channel. */
  listStored(companyId: string): Promise<StoredPayConfig[]>;
  /** The stored config with its secrets opened (a replace keeps the secrets it is not given). */
  getOpened(payId: string): Promise<StoredPayConfig | undefined>;
  put(config: ValidatedPayConfig, write: 'create' | 'replace'): Promise<void>;
  /** false when there is no such config. */
  setStatus(payId: string, status: 'ACTIVE' | 'DISABLED'): Promise<boolean>;
}

export interface PayConfigAdminDeps {
  configs: PayConfigAdminStore;
  /** A config is only created for a company that exists. */
  companyExists(companyId: string): Promise<boolean>;
  newPayId(): string;
}

/** What the admin API returns. */
export interface PayConfigView {
  payId: string;
  companyId: string;
  channel: string;
  mode: string;
  status: 'ACTIVE' | 'DISABLED';
  config: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
}

export function viewOf(stored: StoredPayConfig): PayConfigView {
  const mode = stored.mode ?? 'direct';
  const { payId, companyId, channel, status, config, createdAt, updatedAt } = redactPayConfig(stored, modeOf(stored.channel, mode)?.secretFields ?? []);
  return { payId, companyId, channel, mode, status, config, createdAt, updatedAt };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function createPayConfig(
  deps: PayConfigAdminDeps,
  companyId: string,
  input: { channel: string; mode?: string; config: unknown; status?: 'ACTIVE' | 'DISABLED' },
): Promise<PayConfigView> {
  let config = input.config;
  if (input.mode !== undefined && isObject(config)) {
    // `mode` beside the config names the template, like `config.mode`; the two must agree.
    if (config.mode !== undefined && config.mode !== input.mode) {
      throw new InvalidRequest('parameter_invalid', `mode ${input.mode} differs from config.mode ${String(config.mode)}`, 'mode');
    }
    config = { ...config, mode: input.mode };
  }
  const validated = validatePayConfig({ payId: deps.newPayId(), companyId, channel: input.channel, status: input.status, config });
  if (!(await deps.companyExists(companyId))) throw new NotFound('company', 'companyId');
  await deps.configs.put(validated, 'create');
  return viewOf((await deps.configs.getStored(validated.payId))!);
}

/**
 * Replaces the config of `payId` (its company and channel stay). A secret field sent as
 * `{ "hasValue": true }` — as a read returned it — keeps its current value, so that a config
 * read, edited and written back needs none of its secrets retyped.
 */
export async function replacePayConfig(
  deps: PayConfigAdminDeps,
  payId: string,
  input: { config: unknown; status?: 'ACTIVE' | 'DISABLED' },
): Promise<PayConfigView> {
  const keepsSecrets = isObject(input.config) && Object.values(input.config).some(isSecretSet);
  const current = keepsSecrets ? await deps.configs.getOpened(payId) : await deps.configs.getStored(payId);
  if (!current) throw new NotFound('pay config', 'payId');
  let config = input.config;
  if (isObject(config) && keepsSecrets) {
    const clear = (current.config ?? {}) as Record<string, unknown>;
    config = Object.fromEntries(
      Object.entries(config).map(([field, value]) => {
        if (!isSecretSet(value)) return [field, value];
        if (clear[field] === undefined) throw new InvalidRequest('parameter_missing', `config.${field} has no current value to keep: send it`, `config.${field}`);
        return [field, clear[field]];
      }),
    );
  }
  const validated = validatePayConfig({ payId, companyId: current.companyId, channel: current.channel, status: input.status ?? current.status, config });
  await deps.configs.put(validated, 'replace');
  return viewOf((await deps.configs.getStored(payId))!);
}

export async function getPayConfig(deps: PayConfigAdminDeps, payId: string): Promise<PayConfigView> {
  const stored = await deps.configs.getStored(payId);
  if (!stored) throw new NotFound('pay config', 'payId');
  return viewOf(stored);
}

export async function listPayConfigs(deps: PayConfigAdminDeps, companyId: string): Promise<{ data: PayConfigView[] }> {
  return { data: (await deps.configs.listStored(companyId)).map(viewOf) };
}

/** New payments stop choosing it once the containers' config caches expire (a minute). */
export async function disablePayConfig(deps: PayConfigAdminDeps, payId: string): Promise<PayConfigView> {
  if (!(await deps.configs.setStatus(payId, 'DISABLED'))) throw new NotFound('pay config', 'payId');
  return viewOf((await deps.configs.getStored(payId))!);
}

function isSecretSet(value: unknown): boolean {
  return isObject(value) && value.hasValue === SECRET_SET.hasValue && Object.keys(value).length === 1;
}
