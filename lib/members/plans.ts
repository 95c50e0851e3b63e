/**
 * The support plans the pricing page lists and members buy. payee itself is free (Apache-2.0); a
 * plan buys help from its maintainers. Amounts are integer minor units of CNY, as payee's API takes them.
 */
export interface Plan {
  readonly id: 'community' | 'standard' | 'premium';
  readonly amount: number;
  readonly currency: 'CNY';
  /** Months a purchase covers; 0: free, nothing to buy. */
  readonly months: number;
}

export const PLANS: readonly Plan[] = [
  { id: 'community', amount: 0, currency: 'CNY', months: 0 },
  { id: 'standard', amount: 299_900, currency: 'CNY', months: 12 },
  { id: 'premium', amount: 1_999_900, currency: 'CNY', months: 12 },
];

export const PAID_PLANS = ['standard', 'premium'] as const;
export const PLAN_METHODS = ['alipay.qr', 'wechat.native'] as const;
