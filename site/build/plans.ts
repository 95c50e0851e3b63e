/** The support plans (lib/members/plans.ts: the member API sells the same ones), formatted for the pricing page. */
import type { Plan } from '../../lib/members/plans.ts';

export { PLANS, type Plan } from '../../lib/members/plans.ts';

export function formatAmount(plan: Plan, lang: 'en' | 'zh'): string {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { style: 'currency', currency: plan.currency, maximumFractionDigits: 0 }).format(plan.amount / 100);
}
