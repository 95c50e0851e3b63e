/**
 * What the next refund of a merchant does in a sandbox, for tests of refund settlement: the word it
 * settles with (the provider's own: SUCCESS, ABNORMAL, COMPLETED, ...) or `hold` (it stays
 * processing until a hook settles it), and whether the provider's refund notification is sent.
 * Without a plan a refund succeeds as the provider's usually do (a moment later, or at once) and notifies.
 *   POST /sandbox/refund-plan {"settle"?: word|"hold", "notify"?: boolean, "merchant"?: id, "count"?: N}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HookError, jsonBody, sendJson } from './http.ts';

export interface RefundPlan {
  settle: string;
  notify: boolean;
}

/** How long a sandbox refund stays processing before it settles (and notifies) by itself. */
export const REFUND_SETTLE_DELAY_MS = 1000;

export class RefundPlans {
  readonly #plans = new Map<string, RefundPlan & { remaining: number }>();

  constructor(
    /** The provider's words a refund may settle with. */
    readonly words: readonly string[],
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

/** What the shared refund hooks need from one sandbox: its refunds, and how they settle and notify. */
export interface RefundHookTarget<T> {
  /** The body field of `POST /sandbox/refunds/{no}` naming the outcome (`status`, `respCode`). */
  field: string;
  /** The refund named in the path; a 404 HookError when there is none. */
  find(no: string): T;
  /** The refund as the hooks show it. */
  view(found: T): unknown;
  /** Settles a held refund with one of the plan's words (a 409 HookError when it is not held), notifying when asked. */
  settle(found: T, word: string, notify: boolean): void;
  /** The refund's notification as the hook answers it, delivered unless `send` is false (409 when it has none yet). */
  notification(found: T, send: boolean): unknown;
}

const REFUND_PATH = /^\/sandbox\/refunds\/([^/]+)(\/notifications)?$/;

/**
 * The refund hooks every sandbox answers alike:
 *   POST /sandbox/refund-plan                      (see RefundPlans.set)
 *   GET  /sandbox/refunds/{no}                     the refund
 *   POST /sandbox/refunds/{no} {<field>: word, "notify"?: boolean}   settles a held refund now
 *   POST /sandbox/refunds/{no}/notifications {"send"?: boolean}     its notification, sent unless send is false
 */
export function refundHooks<T>(plans: RefundPlans, target: RefundHookTarget<T>) {
  return async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (req.method === 'POST' && url.pathname === '/sandbox/refund-plan') {
      await plans.set(req);
      res.writeHead(204).end();
      return true;
    }
    const match = REFUND_PATH.exec(url.pathname);
    if (!match) return false;
    const found = target.find(decodeURIComponent(match[1]!));
    if (req.method === 'GET' && !match[2]) sendJson(res, 200, target.view(found));
    else if (req.method === 'POST' && !match[2]) {
      const { [target.field]: word, notify = true } = await jsonBody(req, {});
      if (typeof word !== 'string' || !plans.words.includes(word) || typeof notify !== 'boolean') {
        throw new HookError(400, `${target.field}: ${plans.words.join('|')}, notify?: boolean`);
      }
      target.settle(found, word, notify);
      sendJson(res, 200, target.view(found));
    } else if (req.method === 'POST') {
      const { send = true } = await jsonBody(req, {});
      if (typeof send !== 'boolean') throw new HookError(400, 'send must be a boolean');
      sendJson(res, 200, target.notification(found, send));
    } else return false;
    return true;
  };
}
