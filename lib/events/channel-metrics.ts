/**
 * Per-channel metrics for the dashboard (namespace Payee, dimensions service and channel), counted
 * from the events the relay publishes: each change once, off the payment path. A batch the stream
 * delivers again counts again; GET /v1/reports/daily is the exact figure, the dashboard the trend.
 */
import type { PayeeEvent } from './event-types.ts';
import { metrics } from '../observability/metrics.ts';

/** Event type → metric name, per channel. */
export const CHANNEL_METRICS = {
  'payment.created': 'ChannelPaymentsCreated',
  'payment.succeeded': 'ChannelPaymentsSucceeded',
  'payment.failed': 'ChannelPaymentsFailed',
  'payment.closed': 'ChannelPaymentsClosed',
  'refund.succeeded': 'ChannelRefundsSucceeded',
} as const satisfies Record<string, string>;

/** From the provider's notification time to the status worker applying it, per channel (ms). */
export const CALLBACK_LATENCY_METRIC = 'ChannelCallbackLatency';

/** channel → metric name → how many of the events count there. */
export function channelCounts(events: readonly PayeeEvent[]): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const e of events) {
    const name = (CHANNEL_METRICS as Record<string, string>)[e.type];
    if (!name) continue;
    const of = counts.get(e.channel) ?? new Map<string, number>();
    of.set(name, (of.get(name) ?? 0) + 1);
    counts.set(e.channel, of);
  }
  return counts;
}

/** One EMF line per channel and metric, published at once (the relay has no batch-end flush). */
export function emitChannelCounts(events: readonly PayeeEvent[]): void {
  for (const [channel, of] of channelCounts(events)) {
    for (const [name, count] of of) {
      const single = metrics.singleMetric();
      single.addDimension('channel', channel);
      single.addMetric(name, 'Count', count);
    }
  }
}

export function emitCallbackLatency(channel: string, ms: number): void {
  const single = metrics.singleMetric();
  single.addDimension('channel', channel);
  single.addMetric(CALLBACK_LATENCY_METRIC, 'Milliseconds', Math.max(0, ms));
}
