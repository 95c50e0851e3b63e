/**
 * The canary: a synthetic payment round trip per channel through the merchant API, as a merchant
 * would make it — create (payee calls the provider, or its sandbox), query (sync: payee asks the
 * provider), close — each call timed. A check fails at the first call that does not answer as the
 * API documents; the rest of that round trip is not attempted.
 */
import { randomBytes } from 'node:crypto';
import { CANARY_CHANNELS, type CanaryApi, type CanaryChannel, type Check, type Step } from './check.ts';

/** What each channel's round trip pays with: a method whose create needs nothing from a buyer. */
export const CANARY_PAYMENTS: Record<CanaryChannel, { method: string; currency: string }> = {
  alipay: { method: 'alipay.qr', currency: 'CNY' },
  wechat: { method: 'wechat.native', currency: 'CNY' },
  unionpay: { method: 'unionpay.web', currency: 'CNY' },
  paypal: { method: 'paypal.checkout', currency: 'USD' },
};

export interface CanaryTarget {
  /** The merchant API's base URL (…/live). */
  apiUrl: string;
  /** A test merchant's key. */
  apiKey: string;
  /** Each call's time limit. @default 10 s */
  timeoutMs?: number;
}

type Call = { status?: number; body?: Record<string, unknown>; error?: string; ms: number };

async function call(target: CanaryTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Call> {
  const started = performance.now();
  try {
    const res = await fetch(`${target.apiUrl}${path}`, {
      method,
      headers: { 'x-api-key': target.apiKey, ...(body ? { 'content-type': 'application/json', 'idempotency-key': `canary-${randomBytes(8).toString('hex')}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  } catch (err) {
    return { error: (err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message, ms: performance.now() - started };
  }
}

/** Why an answer is not the one the API documents for the step, or undefined when it is. */
function wrong(api: CanaryApi, c: Call): string | undefined {
  if (c.error) return c.error;
  const payment = (api === 'syncPayment' ? c.body?.payment : c.body) as { status?: string } | undefined;
  const expected: Record<CanaryApi, [number, string[]]> = {
    createPayment: [201, ['PENDING']],
    syncPayment: [202, ['PENDING']],
    closePayment: [200, ['CLOSED']],
  };
  const [status, states] = expected[api];
  if (c.status !== status) return `HTTP ${c.status}${(c.body?.error as { code?: string })?.code ? ` ${(c.body!.error as { code: string }).code}` : ''}`;
  if (!payment?.status || !states.includes(payment.status)) return `payment ${payment?.status ?? 'missing'}`;
  return undefined;
}

export async function roundTrip(target: CanaryTarget, channel: CanaryChannel, now: () => Date = () => new Date()): Promise<Check> {
  const at = now().toISOString();
  const started = performance.now();
  const steps: Step[] = [];
  const { method, currency } = CANARY_PAYMENTS[channel];
  const record = (api: CanaryApi, c: Call) => {
    const error = wrong(api, c);
    steps.push({ api, ok: !error, ms: Math.round(c.ms), ...(c.status ? { status: c.status } : {}), ...(error ? { error } : {}) });
    return !error;
  };
  const outTradeNo = `canary-${channel}-${Date.now()}-${randomBytes(3).toString('hex')}`;
  const created = await call(target, 'POST', '/v1/payments', { method, outTradeNo, subject: 'payee canary', amount: 1, currency, expiresIn: 600 });
  const payNo = created.body?.payNo as string | undefined;
  const ok = record('createPayment', created) && !!payNo && record('syncPayment', await call(target, 'POST', `/v1/payments/${payNo}/sync`)) && record('closePayment', await call(target, 'POST', `/v1/payments/${payNo}/close`));
  return { channel, at, ok, ms: Math.round(performance.now() - started), steps, ...(payNo ? { payNo } : {}) };
}

/** One round trip per channel, the channels side by side. */
export function runCanary(target: CanaryTarget, channels: readonly CanaryChannel[] = CANARY_CHANNELS): Promise<Check[]> {
  return Promise.all(channels.map((channel) => roundTrip(target, channel)));
}
