/** In-memory ports for the unit tests of lib/admin (the DynamoDB ones run in test/tenancy.test.ts). */
import { Conflict } from '../domain/errors.ts';
import type { PayConfig } from '../domain/payment.ts';
import type { Company, Scene } from '../domain/tenancy.ts';
import type { ApiKeyRecord, ConfigStore } from '../store/config-store.ts';
import type { ApiKeyAdminStore, CompanyStore, SceneStore } from '../store/tenancy-store.ts';
import type { ApiKeyDeps, ApiKeyGateway } from './api-keys.ts';
import type { SceneDeps } from './scenes.ts';

export class MemoryCompanies implements CompanyStore {
  readonly items = new Map<string, { company: Company; notifySecret: string }>();
  async insertCompany(company: Company, notifySecret: string) {
    if (this.items.has(company.companyId)) throw new Conflict('company_exists', 'exists', 'companyId');
    this.items.set(company.companyId, { company: structuredClone(company), notifySecret });
  }
  async getCompany(companyId: string) {
    return structuredClone(this.items.get(companyId)?.company);
  }
  async listChildren(companyId: string) {
    return [...this.items.values()].filter((i) => i.company.parentId === companyId).map((i) => structuredClone(i.company));
  }
  async setNotifySecret(companyId: string, notifySecret: string) {
    const item = this.items.get(companyId);
    if (item) item.notifySecret = notifySecret;
    return item !== undefined;
  }
}

export class MemoryScenes implements SceneStore {
  readonly items = new Map<string, Scene>();
  async getScene(companyId: string, code: string) {
    return structuredClone(this.items.get(`${companyId}#${code}`));
  }
  async putScene(scene: Scene) {
    this.items.set(`${scene.companyId}#${scene.code}`, structuredClone(scene));
  }
  async listScenes(companyId: string) {
    return [...this.items.values()].filter((s) => s.companyId === companyId);
  }
  async deleteScene(companyId: string, code: string) {
    return this.items.delete(`${companyId}#${code}`);
  }
}

export class MemoryConfigs implements ConfigStore {
  readonly items = new Map<string, PayConfig>();
  async getPayConfig(payId: string) {
    return this.items.get(payId);
  }
  async payConfigsFor(companyId: string, channel: string) {
    return [...this.items.values()].filter((c) => c.companyId === companyId && c.channel === channel && c.status === 'ACTIVE');
  }
}

export class MemoryApiKeys implements ApiKeyAdminStore {
  readonly items = new Map<string, ApiKeyRecord>();
  async findByHash(keyHash: string) {
    return structuredClone(this.items.get(keyHash));
  }
  async insertKey(record: ApiKeyRecord) {
    if (this.items.has(record.keyHash)) throw new Conflict('api_key_exists', 'exists');
    this.items.set(record.keyHash, structuredClone(record));
  }
  async listKeys(companyId: string) {
    return [...this.items.values()].filter((k) => k.companyId === companyId).map((k) => structuredClone(k));
  }
  async disableKey(keyHash: string) {
    this.items.get(keyHash)!.status = 'DISABLED';
  }
  async expireKey(keyHash: string, expiresAt: string) {
    const key = this.items.get(keyHash);
    if (!key || key.status !== 'ACTIVE' || key.expiresAt !== undefined) return false;
    key.expiresAt = expiresAt;
    return true;
  }
}

/** API Gateway's keys and usage plans as far as the admin uses them. */
export class MemoryGateway implements ApiKeyGateway {
  readonly keys = new Map<string, { name: string; value: string; enabled: boolean; plans: string[] }>();
  async createKey(input: { name: string; value: string }) {
    const apiKeyId = `k${this.keys.size + 1}`;
    this.keys.set(apiKeyId, { ...input, enabled: true, plans: [] });
    return { apiKeyId };
  }
  async addToUsagePlan(apiKeyId: string, usagePlanId: string) {
    this.keys.get(apiKeyId)!.plans.push(usagePlanId);
  }
  async setEnabled(apiKeyId: string, enabled: boolean) {
    this.keys.get(apiKeyId)!.enabled = enabled;
  }
}

/** Every admin port in memory, on a clock the test moves. */
export function memoryAdmin(start = new Date('2026-11-25T00:00:00Z')) {
  const clock = { now: start };
  const deps = {
    companies: new MemoryCompanies(),
    scenes: new MemoryScenes(),
    configs: new MemoryConfigs(),
    apiKeys: new MemoryApiKeys(),
    gateway: new MemoryGateway(),
    usagePlans: { standard: 'plan-standard', trial: 'plan-trial' },
    now: () => clock.now,
  } satisfies ApiKeyDeps & SceneDeps;
  return { deps, clock };
}
