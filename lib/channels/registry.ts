/**
 * Every channel payee offers. Adding a provider adds one entry here and one folder beside it.
 * Channels load on first use (a dynamic import, split into its own chunk of the bundle): a
 * function pays at cold start only for the providers it actually calls.
 */
import type { Channel } from './channel.ts';
import { ALIPAY_METHODS } from './alipay/methods.ts';
import { BALANCE_METHODS } from './balance/methods.ts';
import { PAYPAL_METHODS } from './paypal/methods.ts';
import { UNIONPAY_METHODS } from './unionpay/methods.ts';
import { WECHAT_METHODS, WECHAT_REQUIRED_PAYER } from './wechat/methods.ts';

interface ChannelEntry {
  methods: readonly string[];
  /** Per method, the `payer` fields it needs. */
  requiredPayer?: Readonly<Record<string, readonly string[]>>;
  load(): Promise<Channel<any>>;
}

const entries: readonly ChannelEntry[] = [
  { methods: ALIPAY_METHODS, load: async () => (await import('./alipay/index.ts')).alipay },
  { methods: WECHAT_METHODS, requiredPayer: WECHAT_REQUIRED_PAYER, load: async () => (await import('./wechat/index.ts')).wechat },
  { methods: UNIONPAY_METHODS, load: async () => (await import('./unionpay/index.ts')).unionpay },
  { methods: PAYPAL_METHODS, load: async () => (await import('./paypal/index.ts')).paypal },
  { methods: BALANCE_METHODS, load: async () => (await import('./balance/index.ts')).balance },
];

export const channelMethods = entries.flatMap((e) => e.methods) as [string, ...string[]];

/** The `payer` fields `method` needs (none for most). */
export function requiredPayerFields(method: string): readonly string[] {
  return entries.find((e) => e.methods.includes(method))?.requiredPayer?.[method] ?? [];
}

/** The channel serving `method`, loaded; undefined for a method no channel has. */
export async function loadChannelFor(method: string): Promise<Channel<unknown> | undefined> {
  return entries.find((e) => e.methods.includes(method))?.load();
}
