/**
 * Which channels can take a combined payment (one buyer step for every member) and how many
 * members each allows (PROTOCOLS.md §6): WeChat Pay combine transactions take 2-10 sub-orders for a
 * direct merchant. UnionPay has no combined consumer payment: its groups are batches.
 */
export const COMBINED_LIMITS: Readonly<Record<string, { min: number; max: number; what: string; payer: readonly ('clientIp' | 'openid')[] }>> = {
  // scene_info.payer_client_ip is required on every combine create, whatever the kind.
  wechat: { min: 2, max: 10, what: 'WeChat Pay combine transactions (合单支付)', payer: ['clientIp'] },
};

/** Why `method` cannot pay `members` members in one step, naming the field at fault; undefined when it can. */
export function combinedProblem(method: string, members: number, payer: Record<string, string | undefined> = {}): { field: string; message: string } | undefined {
  const channel = method.split('.')[0]!;
  const limits = COMBINED_LIMITS[channel];
  if (!limits) {
    const offered = Object.keys(COMBINED_LIMITS).join(', ');
    const why = channel === 'unionpay' ? 'UnionPay has no combined consumer payment; use mode batch' : `combined mode is offered for ${offered} methods`;
    return { field: 'method', message: `${method} cannot pay a combined group: ${why}` };
  }
  if (members < limits.min || members > limits.max) {
    return { field: 'members', message: `${limits.what} take ${limits.min}-${limits.max} members, not ${members}` };
  }
  const missing = limits.payer.find((f) => payer[f] === undefined);
  if (missing) return { field: `payer.${missing}`, message: `is required by ${limits.what}` };
  return undefined;
}
