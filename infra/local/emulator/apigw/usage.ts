// API keys, usage plans and their limits: what API Gateway enforces for `ApiKeyRequired` methods.
import type { Resolver } from '../intrinsics.ts';
import { randomId } from '../ids.ts';
import { props, resourcesOfType } from '../template.ts';

export interface ApiKey {
  id: string;
  value: string;
  name: string | undefined;
  description: string | undefined;
  customerId: string | undefined;
  enabled: boolean;
  createdDate: Date;
  lastUpdatedDate: Date;
  stageKeys: string[];
  tags: Record<string, string>;
}

export interface Throttle {
  burstLimit: number;
  rateLimit: number;
}

export interface Quota {
  limit: number;
  offset: number;
  period: 'DAY' | 'WEEK' | 'MONTH';
}

export interface UsagePlan {
  id: string;
  name: string;
  description: string | undefined;
  apiStages: Array<{ apiId: string; stage: string }>;
  throttle: Throttle | undefined;
  quota: Quota | undefined;
  keyIds: Set<string>;
}

export type LimitResult = 'OK' | 'THROTTLED' | 'QUOTA_EXCEEDED';

export class Usage {
  readonly keys = new Map<string, ApiKey>();
  readonly plans = new Map<string, UsagePlan>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly quotas = new Map<string, { periodStart: number; used: number }>();

  constructor(resolver: Resolver) {
    for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::ApiGateway::UsagePlan')) {
      const p = resolver.resolve(props(resource)) as Record<string, any>;
      const id = resolver.ref(logicalId);
      this.plans.set(id, {
        id,
        name: p.UsagePlanName ?? logicalId,
        description: p.Description,
        apiStages: (p.ApiStages ?? []).map((s: { ApiId: string; Stage: string }) => ({ apiId: s.ApiId, stage: s.Stage })),
        throttle: p.Throttle && {
          rateLimit: Number(p.Throttle.RateLimit ?? Infinity),
          burstLimit: Number(p.Throttle.BurstLimit ?? Math.max(1, Math.ceil(Number(p.Throttle.RateLimit ?? 1)))),
        },
        quota: p.Quota && { limit: Number(p.Quota.Limit), offset: Number(p.Quota.Offset ?? 0), period: p.Quota.Period },
        keyIds: new Set(),
      });
    }
    // Keys declared in the template (payee creates its keys at runtime, but a stack may not).
    const templateKeys = new Map<string, string>();
    for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::ApiGateway::ApiKey')) {
      const p = resolver.resolve(props(resource)) as Record<string, any>;
      const key = this.createKey({ name: p.Name ?? logicalId, description: p.Description, enabled: p.Enabled === true || p.Enabled === 'true', value: p.Value });
      templateKeys.set(resolver.ref(logicalId), key.id);
    }
    for (const [, resource] of resourcesOfType(resolver.template, 'AWS::ApiGateway::UsagePlanKey')) {
      const p = resolver.resolve(props(resource)) as Record<string, any>;
      this.attach(p.UsagePlanId, templateKeys.get(p.KeyId) ?? p.KeyId);
    }
  }

  /** CreateApiKey: API Gateway generates a 40-character value unless one is given. */
  createKey(input: { name?: string; description?: string; enabled?: boolean; value?: string; customerId?: string; tags?: Record<string, string> }): ApiKey {
    if (input.value !== undefined && input.value.length < 20) throw new UsageError('BadRequestException', 'API Key value should be at least 20 characters');
    if (input.value !== undefined && this.findByValue(input.value)) throw new UsageError('ConflictException', 'API Key already exists');
    const now = new Date();
    const key: ApiKey = {
      id: randomId(10),
      value: input.value ?? randomId(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
      name: input.name,
      description: input.description,
      customerId: input.customerId,
      // CreateApiKey's `enabled` defaults to false.
      enabled: input.enabled ?? false,
      createdDate: now,
      lastUpdatedDate: now,
      stageKeys: [],
      tags: input.tags ?? {},
    };
    this.keys.set(key.id, key);
    return key;
  }

  deleteKey(id: string): void {
    if (!this.keys.delete(id)) throw new UsageError('NotFoundException', 'Invalid API Key identifier specified');
    for (const plan of this.plans.values()) plan.keyIds.delete(id);
  }

  findByValue(value: string): ApiKey | undefined {
    for (const key of this.keys.values()) if (key.value === value) return key;
    return undefined;
  }

  /** CreateUsagePlanKey: a key may belong to one plan per API stage. */
  attach(planId: string, keyId: string): UsagePlan {
    const plan = this.plan(planId);
    if (!this.keys.has(keyId)) throw new UsageError('NotFoundException', 'Invalid API Key identifier specified');
    for (const other of this.plans.values()) {
      const shared = other !== plan && other.keyIds.has(keyId) && other.apiStages.some((a) => plan.apiStages.some((b) => a.apiId === b.apiId && a.stage === b.stage));
      if (shared) throw new UsageError('ConflictException', `Usage Plan ${plan.id} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage`);
    }
    plan.keyIds.add(keyId);
    return plan;
  }

  detach(planId: string, keyId: string): void {
    if (!this.plan(planId).keyIds.delete(keyId)) throw new UsageError('NotFoundException', 'Invalid Usage Plan Key identifier specified');
  }

  plan(id: string): UsagePlan {
    const plan = this.plans.get(id);
    if (!plan) throw new UsageError('NotFoundException', 'Invalid Usage Plan ID specified');
    return plan;
  }

  /** The enabled key with this value and the plan that covers it on this API stage, if any. */
  authorize(value: string | undefined, apiId: string, stage: string): { key: ApiKey; plan: UsagePlan } | undefined {
    const key = value ? this.findByValue(value) : undefined;
    if (!key?.enabled) return undefined;
    for (const plan of this.plans.values()) {
      if (plan.keyIds.has(key.id) && plan.apiStages.some((s) => s.apiId === apiId && s.stage === stage)) return { key, plan };
    }
    return undefined;
  }

  /**
   * Throttle first (a token bucket per key and plan: RateLimit tokens a second, holding at most
   * BurstLimit), then the quota of the current period. A throttled request does not use quota.
   */
  take(plan: UsagePlan, keyId: string, now = Date.now()): LimitResult {
    const id = `${plan.id}/${keyId}`;
    if (plan.throttle) {
      const { rateLimit, burstLimit } = plan.throttle;
      const bucket = this.buckets.get(id) ?? { tokens: burstLimit, at: now };
      bucket.tokens = Math.min(burstLimit, bucket.tokens + ((now - bucket.at) / 1000) * rateLimit);
      bucket.at = now;
      this.buckets.set(id, bucket);
      if (bucket.tokens < 1) return 'THROTTLED';
      bucket.tokens -= 1;
    }
    if (plan.quota) {
      const periodStart = quotaPeriodStart(plan.quota, new Date(now));
      const counter = this.quotas.get(id);
      const used = counter?.periodStart === periodStart ? counter.used : 0;
      if (used >= plan.quota.limit) return 'QUOTA_EXCEEDED';
      this.quotas.set(id, { periodStart, used: used + 1 });
    }
    return 'OK';
  }
}

export class UsageError extends Error {
  constructor(
    readonly type: 'NotFoundException' | 'ConflictException' | 'BadRequestException',
    message: string,
  ) {
    super(message);
  }
}

/** Quota periods start at 00:00 UTC: every day; on weekday `offset` (0 = Sunday); on day `offset + 1` of the month. */
export function quotaPeriodStart(quota: Quota, at: Date): number {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (quota.period === 'DAY') return day;
  if (quota.period === 'WEEK') return day - ((at.getUTCDay() - quota.offset + 7) % 7) * 86_400_000;
  const thisMonth = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1 + quota.offset);
  return thisMonth <= day ? thisMonth : Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1 + quota.offset);
}
