/** Test helpers shared by this folder's sandbox tests: a merchant at the local PayPal sandbox. */
import { providerHttp, type ProviderHttp } from '../../http/provider-http.ts';
import type { ChannelCall, CreateRequest } from '../channel.ts';
import type { PayPalConfig } from './config.ts';
import { paypal } from './index.ts';

export async function newMerchant(sandboxUrl: string, webhookUrl?: string): Promise<PayPalConfig> {
  const res = await fetch(`${sandboxUrl}/sandbox/merchants`, { method: 'POST', body: JSON.stringify(webhookUrl ? { webhookUrl } : {}) });
  if (res.status !== 200) throw new Error(`POST /sandbox/merchants: ${res.status}`);
  const { payeeConfig } = (await res.json()) as { payeeConfig: unknown };
  return paypal.configSchema.parse(payeeConfig);
}

export function callWith(config: PayPalConfig, http: ProviderHttp = providerHttp, timeoutMs = 2000): ChannelCall<PayPalConfig> {
  return { config, http, timeoutMs, now: () => new Date() };
}

let seq = 0;
export function checkout(amount = 1999, currency = 'USD'): CreateRequest {
  return {
    createdAt: new Date(),
    payNo: `P${process.pid}T${Date.now()}N${++seq}`,
    method: 'paypal.checkout',
    subject: 'Test goods',
    amount,
    currency,
    expiresAt: new Date(Date.now() + 30 * 60_000),
    callbackUrl: 'https://pay.example/callbacks/paypal/cfg1',
    returnUrl: 'https://shop.example/done',
  };
}
