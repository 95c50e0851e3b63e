/** Every channel payee offers. Adding a provider adds one line here and one folder beside it. */
import type { Channel } from './channel.ts';
import { alipay } from './alipay/index.ts';

export const channels: readonly Channel<any>[] = [alipay];

export const channelMethods = channels.flatMap((c) => c.methods) as [string, ...string[]];

export function channelForMethod(method: string): Channel<unknown> | undefined {
  return channels.find((c) => c.methods.includes(method));
}

export function channelNamed(name: string): Channel<unknown> | undefined {
  return channels.find((c) => c.name === name);
}
