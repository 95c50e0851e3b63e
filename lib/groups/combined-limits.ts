/**
 * Which channels can take a combined payment (one buyer step for every member), with which methods
 * and how many members each allows (PROTOCOLS.md §6): WeChat Pay combine transactions take 2-10
 * sub-orders for a direct merchant; Alipay merge pay has page, wap and app forms (no QR) and
 * publishes no maximum, so payee keeps WeChat's 10; a PayPal order takes 1-10 purchase units.
 * A combined payment of one member is a single payment: every channel needs 2. UnionPay has no
 * combined consumer payment: its groups are batches.
 */
interface CombinedLimits {
  min: number;
  max: number;
  what: string;
  /** The methods that can pay combined; absent: every method of the channel. */
  methods?: readonly string[];
  payer: readonly ('clientIp' | 'openid')[];
}

export const COMBINED_LIMITS: Readonly<Record<string, CombinedLimits>> = {
  // scene_info.payer_client_ip is required on every combine create, whatever the kind.
  wechat: { min: 2, max: 10, what: 'WeChat Pay combine transactions (合单支付)', payer: ['clientIp'] },
  alipay: { min: 2, max: 10, what: 'Alipay merge pay (合并支付)', methods: ['alipay.page', 'alipay.wap', 'alipay.app'], payer: [] },
  paypal: { min: 2, max: 10, what: 'PayPal orders of several purchase units', payer: [] },
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
  if (limits.methods && !limits.methods.includes(method)) {
    return { field: 'method', message: `${method} cannot pay a combined group: ${limits.what} is offered for ${limits.methods.join(', ')}` };
  }
  if (members < limits.min || members > limits.max) {
    return { field: 'members', message: `${limits.what} take ${limits.min}-${limits.max} members, not ${members}` };
  }
  const missing = limits.payer.find((f) => payer[f] === undefined);
  if (missing) return { field: `payer.${missing}`, message: `is required by ${limits.what}` };
  return undefined;
}
