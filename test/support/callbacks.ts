/** Helpers for provider callbacks: deliver one, wait for an asynchronous outcome. */
import type { Merchant } from '../../infra/local/merchants.ts';
import { call, target } from './target.ts';

export async function deliverAlipayNotify(payId: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${target().apiUrl}/callbacks/alipay/${payId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** Polls until `check` passes or the deadline: asynchronous flows are awaited, never slept on. */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await probe();
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < deadline);
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}

export const paymentOf = async (merchant: Merchant, payNo: string) => (await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}`)).body;
export const eventsOf = async (merchant: Merchant, payNo: string) =>
  (await call(merchant.apiKey, 'GET', `/v1/payments/${payNo}/events`)).body.data as Record<string, unknown>[];

export async function sandboxPost(path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${target().sandbox!.alipay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
