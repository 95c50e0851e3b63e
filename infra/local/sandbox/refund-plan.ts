/**
 * What the next refund of a merchant does in a sandbox, for tests of refund settlement: the word it
 * settles with (the provider's own: SUCCESS, ABNORMAL, COMPLETED, ...) or `hold` (it stays
 * processing until a hook settles it), and whether the provider's refund notification is sent.
 * Without a plan a refund succeeds as the provider's usually do (a moment later, or at once) and notifies.
 *   POST /sandbox/refund-plan {"settle"?: word|"hold", "notify"?: boolean, "merchant"?: id, "count"?: N}
 */
import type { IncomingMessage } from 'node:http';
import { HookError, jsonBody } from './http.ts';

export interface RefundPlan {
  settle: string;
  notify: boolean;
}

/** How long a sandbox refund stays processing before it settles (and notifies) by itself. */
export const REFUND_SETTLE_DELAY_MS = 1000;

export class RefundPlans {
  readonly #plans = new Map<string, RefundPlan & { remaining: number }>();

  constructor(
    private readonly words: readonly string[],
    private readonly success: string,
  ) {}

  /** Reads a plan hook's body and keeps the plan for `merchant` (any merchant when absent). */
  async set(req: IncomingMessage): Promise<void> {
    const { settle = this.success, notify = true, merchant, count = 1 } = await jsonBody(req, {});
    if (typeof settle !== 'string' || (settle !== 'hold' && !this.words.includes(settle))) {
      throw new HookError(400, `settle: hold|${this.words.join('|')}`);
    }
    if (typeof notify !== 'boolean' || (merchant !== undefined && typeof merchant !== 'string') || !Number.isSafeInteger(count) || (count as number) < 0) {
      throw new HookError(400, 'notify: boolean, merchant?: string, count?: integer >= 0');
    }
    this.#plans.set((merchant as string | undefined) ?? '*', { settle, notify, remaining: count as number });
  }

  /** The plan of a new refund of `merchant`, taken once per refund; undefined: the sandbox's default behaviour. */
  take(merchant: string): RefundPlan | undefined {
    const plan = [this.#plans.get(merchant), this.#plans.get('*')].find((p) => p && p.remaining > 0);
    if (!plan) return undefined;
    plan.remaining--;
    return { settle: plan.settle, notify: plan.notify };
  }
}
