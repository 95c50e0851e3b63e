/** Which pay config (cnf_pay) a create uses: the one named (or its scene's), or the company's only one for the channel. */
import type { Channel } from '../channels/channel.ts';
import { loadChannelFor } from '../channels/registry.ts';
import { InvalidRequest } from '../domain/errors.ts';
import type { PayConfig } from '../domain/payment.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { SceneReader } from '../store/tenancy-store.ts';

export async function resolvePayConfig(
  configs: ConfigStore,
  companyId: string,
  channel: Channel<unknown>,
  payId: string | undefined,
  /** The field that named payId: `payId`, or `scene` when its scene gave it. */
  param: 'payId' | 'scene' = 'payId',
): Promise<{ payConfig: PayConfig; config: unknown }> {
  if (channel.internal) return internalConfig(companyId, channel);
  let payConfig: PayConfig | undefined;
  if (payId) {
    payConfig = await configs.getPayConfig(payId);
    // Another company's config is reported exactly like a missing one.
    if (!payConfig || payConfig.companyId !== companyId || payConfig.status !== 'ACTIVE') {
      throw new InvalidRequest('pay_config_not_found', `No active pay config ${payId}`, param);
    }
    if (payConfig.channel !== channel.name) {
      throw new InvalidRequest('pay_config_mismatch', `Pay config ${payId} is for ${payConfig.channel}, not ${channel.name}`, param);
    }
  } else {
    const candidates = await configs.payConfigsFor(companyId, channel.name);
    if (candidates.length === 0) {
      throw new InvalidRequest('pay_config_not_found', `No active ${channel.name} pay config; create one first`, 'payId');
    }
    if (candidates.length > 1) {
      throw new InvalidRequest('pay_config_ambiguous', `Several ${channel.name} pay configs exist; name one with payId`, 'payId');
    }
    payConfig = candidates[0]!;
  }
  const parsed = channel.configSchema.safeParse(payConfig.config);
  if (!parsed.success) {
    throw new InvalidRequest('pay_config_invalid', `Pay config ${payConfig.payId} is incomplete for ${channel.name}`, param);
  }
  return { payConfig, config: parsed.data };
}

/**
 * The payId a scene of the company gives the method; a scene that is missing or does not map the
 * method is a 400 naming `scene`.
 */
export async function payIdOfScene(scenes: SceneReader, companyId: string, scene: string, method: string): Promise<string> {
  const found = await scenes.getScene(companyId, scene);
  if (!found) throw new InvalidRequest('scene_not_found', `No scene ${scene}`, 'scene');
  const payId = found.methods[method];
  if (!payId) throw new InvalidRequest('scene_method_unavailable', `Scene ${scene} does not offer ${method}`, 'scene');
  return payId;
}

/**
 * The channel and config of an existing payment, for follow-up calls (close, query, refund): the
 * config it was created with, even if it has been disabled since (its trades still need closing
 * and refunding).
 */
export async function channelCallFor(
  configs: ConfigStore,
  payment: { method: string; payId: string },
): Promise<{ channel: Channel<unknown>; config: unknown }> {
  const channel = await loadChannelFor(payment.method);
  if (!channel) throw new Error(`no channel serves ${payment.method}`);
  if (channel.internal) return { channel, config: {} };
  const payConfig = await configs.getPayConfig(payment.payId);
  if (!payConfig || payConfig.channel !== channel.name) throw new Error(`pay config ${payment.payId} of the payment is missing`);
  const parsed = channel.configSchema.safeParse(payConfig.config);
  if (!parsed.success) throw new Error(`pay config ${payment.payId} is incomplete for ${channel.name}`);
  return { channel, config: parsed.data };
}

/** An internal channel (balance.transfer) has no credentials: its payments name the channel as their payId. */
function internalConfig(companyId: string, channel: Channel<unknown>): { payConfig: PayConfig; config: unknown } {
  return { payConfig: { payId: channel.name, companyId, channel: channel.name, status: 'ACTIVE', config: {} }, config: {} };
}
