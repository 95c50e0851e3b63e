/** The risk rule's decisions, apart from where the per-buyer counts are kept. */
import type { PayeeEvent } from '../../lib/events/event-types.ts';
import type { RiskRuleSettings } from './manifest.ts';

export type Hold = { rule: 'amount'; amount: number } | { rule: 'payer_frequency'; count: number };

/** The window an instant is in: the counter item of one buyer and window. */
export const windowKey = (event: PayeeEvent, windowMinutes: number) =>
  `${event.companyId}#${event.payerRef}#${Math.floor(Date.parse(event.occurredAt) / (windowMinutes * 60_000))}`;

/** `count`: the buyer's payments in the window, this one included (undefined when the buyer is unknown or not counted). */
export function holdsOf(event: PayeeEvent, settings: RiskRuleSettings, count: number | undefined): Hold[] {
  const holds: Hold[] = [];
  if (settings.maxAmount !== undefined && event.amount > settings.maxAmount) holds.push({ rule: 'amount', amount: event.amount });
  if (settings.maxPerPayer !== undefined && count !== undefined && count > settings.maxPerPayer) holds.push({ rule: 'payer_frequency', count });
  return holds;
}
