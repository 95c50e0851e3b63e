/**
 * Merchant API keys: created, rotated with an overlap window, disabled. The table keeps only the
 * SHA-256 of a key's value (the authorizer looks keys up by it); API Gateway keeps the value
 * itself, because its usage plans (throttle, burst, quota of the key's tier) match the x-api-key
 * header. A value is shown once, in the reply that made it.
 *
 * When a key stops working: API Gateway caches the authorizer's answer per key for 60 s, so the
 * table alone cannot end a key at once. A disabled key is therefore disabled in API Gateway too,
 * which checks the key on every request: 403 at once. A rotated key's expiresAt travels in the
 * authorizer's answer and every API function checks it (lib/http/request.ts companyOf). An answer
 * cached just before the rotation has no expiresAt, but it is gone 60 s later: exact for an
 * overlap of 0 or at least 60 s; a shorter one can lag by up to 60 s if the old key was used in
 * the minute before the rotation. Keys are found by id through GSI1 (eventually consistent).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Conflict, InvalidRequest, NotFound } from '../domain/errors.ts';
import type { ApiKeyRecord } from '../store/config-store.ts';
import type { ApiKeyAdminStore, CompanyStore } from '../store/tenancy-store.ts';
import { getCompany } from './companies.ts';

/** API Gateway's management API as the admin needs it (lib/aws/api-key-gateway.ts). */
export interface ApiKeyGateway {
  /** An enabled key with this value. */
  createKey(input: { name: string; value: string }): Promise<{ apiKeyId: string }>;
  addToUsagePlan(apiKeyId: string, usagePlanId: string): Promise<void>;
  setEnabled(apiKeyId: string, enabled: boolean): Promise<void>;
}

export interface ApiKeyDeps {
  apiKeys: ApiKeyAdminStore;
  companies: CompanyStore;
  gateway: ApiKeyGateway;
  /** Tier → the stack's usage plan id (outputs `UsagePlanId<Tier>`). */
  usagePlans: Readonly<Record<string, string>>;
  now: () => Date;
}

export type ApiKeyStatus = 'ACTIVE' | 'DISABLED' | 'EXPIRED';

/** A key as the admin sees it: never its value or hash. */
export interface ApiKeyInfo {
  apiKeyId: string;
  companyId: string;
  tier: string;
  name?: string;
  /** EXPIRED once a rotated key's expiresAt has passed. */
  status: ApiKeyStatus;
  createdAt: string;
  expiresAt?: string;
}

export interface NewApiKey {
  apiKeyId: string;
  /** Shown only here. */
  value: string;
  tier: string;
  status: 'ACTIVE';
  createdAt: string;
}

export const ROTATION_OVERLAP = { min: 0, max: 7 * 24 * 3600, default: 24 * 3600 } as const;
const NAME_MAX = 128;

export const hashApiKey = (value: string): string => createHash('sha256').update(value).digest('hex');

function infoOf(record: ApiKeyRecord, now: Date): ApiKeyInfo {
  const expired = record.expiresAt !== undefined && new Date(record.expiresAt) <= now;
  return {
    apiKeyId: record.apiKeyId,
    companyId: record.companyId,
    tier: record.tier ?? 'standard',
    ...(record.name !== undefined ? { name: record.name } : {}),
    status: record.status === 'DISABLED' ? 'DISABLED' : expired ? 'EXPIRED' : 'ACTIVE',
    createdAt: record.createdAt ?? '',
    ...(record.expiresAt !== undefined ? { expiresAt: record.expiresAt } : {}),
  };
}

/**
 * A new key of the company in the tier's usage plan. API Gateway first, the table last: a key
 * that fails half-way has no table record, so the authorizer refuses it.
 */
export async function createApiKey(deps: ApiKeyDeps, input: { companyId: string; tier: string; name?: string }): Promise<NewApiKey> {
  const usagePlanId = typeof input.tier === 'string' && Object.hasOwn(deps.usagePlans, input.tier) ? deps.usagePlans[input.tier] : undefined;
  if (!usagePlanId) {
    throw new InvalidRequest('parameter_invalid', `tier must be one of ${Object.keys(deps.usagePlans).join(', ')}`, 'tier');
  }
  if (input.name !== undefined && (typeof input.name !== 'string' || !input.name.trim() || input.name.length > NAME_MAX)) {
    throw new InvalidRequest('parameter_invalid', `name must be 1-${NAME_MAX} characters`, 'name');
  }
  const company = await getCompany(deps, input.companyId);
  const value = `pk_${randomBytes(24).toString('base64url')}`;
  const { apiKeyId } = await deps.gateway.createKey({ name: `${input.name ?? company.name}-${company.companyId}`, value });
  await deps.gateway.addToUsagePlan(apiKeyId, usagePlanId);
  const createdAt = deps.now().toISOString();
  await deps.apiKeys.insertKey({
    keyHash: hashApiKey(value),
    companyId: company.companyId,
    companyPath: company.path,
    apiKeyId,
    tier: input.tier,
    ...(input.name !== undefined ? { name: input.name } : {}),
    status: 'ACTIVE',
    createdAt,
  });
  return { apiKeyId, value, tier: input.tier, status: 'ACTIVE', createdAt };
}

/** The company's key with this id (hash included), or NotFound: another company's key is missing too. */
async function keyOf(deps: ApiKeyDeps, companyId: string, apiKeyId: string): Promise<ApiKeyRecord> {
  await getCompany(deps, companyId);
  const record = typeof apiKeyId === 'string' ? (await deps.apiKeys.listKeys(companyId)).find((k) => k.apiKeyId === apiKeyId) : undefined;
  if (!record) throw new NotFound('API key', 'apiKeyId');
  return record;
}

/**
 * A new key in the same tier; the old one keeps working for `overlapSeconds` (default 24 h), so
 * the merchant can deploy the new one first. With 0 the old key is also disabled in API Gateway,
 * so it stops at once.
 */
export async function rotateApiKey(
  deps: ApiKeyDeps,
  input: { companyId: string; apiKeyId: string; overlapSeconds?: number },
): Promise<{ key: NewApiKey; old: { apiKeyId: string; expiresAt: string } }> {
  const overlap = input.overlapSeconds ?? ROTATION_OVERLAP.default;
  if (!Number.isInteger(overlap) || overlap < ROTATION_OVERLAP.min || overlap > ROTATION_OVERLAP.max) {
    throw new InvalidRequest('parameter_invalid', `overlapSeconds must be an integer from ${ROTATION_OVERLAP.min} to ${ROTATION_OVERLAP.max}`, 'overlapSeconds');
  }
  const old = await keyOf(deps, input.companyId, input.apiKeyId);
  const now = deps.now();
  if (old.status !== 'ACTIVE' || old.expiresAt !== undefined) {
    throw new Conflict('api_key_not_rotatable', `API key ${old.apiKeyId} is disabled or already rotated; rotate its successor`, 'apiKeyId');
  }
  // The successor first: a failure half-way leaves the old key working, never the merchant keyless.
  const key = await createApiKey(deps, { companyId: old.companyId, tier: old.tier ?? 'standard', ...(old.name !== undefined ? { name: old.name } : {}) });
  const expiresAt = new Date(now.getTime() + overlap * 1000).toISOString();
  if (!(await deps.apiKeys.expireKey(old.keyHash, expiresAt))) {
    // A concurrent rotation or disable won: its answer stands, this successor is withdrawn.
    await disable(deps, { keyHash: hashApiKey(key.value), apiKeyId: key.apiKeyId });
    throw new Conflict('api_key_not_rotatable', `API key ${old.apiKeyId} was rotated or disabled meanwhile`, 'apiKeyId');
  }
  if (overlap === 0) await deps.gateway.setEnabled(old.apiKeyId, false);
  return { key, old: { apiKeyId: old.apiKeyId, expiresAt } };
}

/** Refused from now on: DISABLED here, and disabled in API Gateway (which checks every request). */
export async function disableApiKey(deps: ApiKeyDeps, input: { companyId: string; apiKeyId: string }): Promise<ApiKeyInfo> {
  const record = await keyOf(deps, input.companyId, input.apiKeyId);
  await disable(deps, record);
  return infoOf({ ...record, status: 'DISABLED' }, deps.now());
}

async function disable(deps: ApiKeyDeps, key: { keyHash: string; apiKeyId: string }) {
  await deps.apiKeys.disableKey(key.keyHash);
  await deps.gateway.setEnabled(key.apiKeyId, false);
}

export async function listApiKeys(deps: Pick<ApiKeyDeps, 'apiKeys' | 'companies' | 'now'>, companyId: string): Promise<ApiKeyInfo[]> {
  await getCompany(deps, companyId);
  const now = deps.now();
  return (await deps.apiKeys.listKeys(companyId)).map((k) => infoOf(k, now)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
