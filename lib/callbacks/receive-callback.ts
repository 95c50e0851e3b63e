/**
 * A provider callback (ARCHITECTURE.md §5 flow 2): the config named in the URL → the channel
 * verifies and normalises the callback → the payment must exist under that config, for that
 * amount and currency → onto the FIFO queue → the provider's own "accepted" reply. Anything
 * forged or malformed is rejected and enqueues nothing; if the enqueue fails the provider is told
 * to retry, so nothing is lost.
 */
import type { CallbackRequest, Channel, ChannelCall, PaymentEvent, ProviderReply, RefundEvent } from '../channels/channel.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import type { RefundStore } from '../store/refund-store.ts';
import type { EventQueue } from '../queue/event-queue.ts';

export type RejectReason =
  | 'unknown_config'
  | 'malformed'
  | 'bad_signature'
  | 'wrong_merchant'
  | 'unsupported'
  | 'unknown_payment'
  | 'unknown_refund'
  | 'amount_mismatch';

export type CallbackOutcome =
  | { outcome: 'enqueued'; reply: ProviderReply; event: PaymentEvent | RefundEvent }
  | { outcome: 'rejected'; reply: ProviderReply; reason: RejectReason; detail: string; payNo?: string }
  | { outcome: 'enqueue_failed'; reply: ProviderReply; event: PaymentEvent | RefundEvent; error: unknown }
  | { outcome: 'provider_unavailable'; reply: ProviderReply; payNo: string; error: unknown }
  /** Genuine, but nothing to do: acknowledged so the provider stops, nothing enqueued. */
  | { outcome: 'ignored'; reply: ProviderReply; payNo?: string; detail: string };

export interface ReceiveCallbackDeps {
  configs: ConfigStore;
  payments: Pick<PaymentStore, 'get'>;
  /** Refund notifications must name a refund of that payment. */
  refunds: Pick<RefundStore, 'get'>;
  queue: EventQueue;
  http: ProviderHttp;
  providerTimeoutMs: number;
  now: () => Date;
}

export async function receiveCallback(
  deps: ReceiveCallbackDeps,
  channel: Channel<unknown>,
  payId: string,
  request: CallbackRequest,
): Promise<CallbackOutcome> {
  const { accepted, rejected, retryLater } = channel.callbackReplies;
  const reject = (reason: RejectReason, detail: string, payNo?: string): CallbackOutcome => ({
    outcome: 'rejected',
    reply: rejected,
    reason,
    detail,
    payNo,
  });

  const payConfig = await deps.configs.getPayConfig(payId);
  if (!payConfig || payConfig.channel !== channel.name || payConfig.status !== 'ACTIVE') {
    return reject('unknown_config', `no active ${channel.name} pay config ${payId}`);
  }
  const config = channel.configSchema.safeParse(payConfig.config);
  if (!config.success) return reject('unknown_config', `pay config ${payId} is incomplete`);

  const call: ChannelCall<unknown> = { config: config.data, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
  const verdict = await channel.verifyCallback(call, request);
  if (!verdict.ok) return reject(verdict.reason, verdict.detail);
  if ('acknowledged' in verdict) return { outcome: 'ignored', reply: accepted, detail: verdict.acknowledged };
  if ('refund' in verdict) {
    const mismatch = await refundMismatch(deps, payId, verdict.refund);
    if (mismatch) return reject(mismatch.reason, mismatch.detail, verdict.refund.payNo);
    return enqueue(deps, verdict.refund, channel);
  }
  if ('events' in verdict) return enqueueCombined(deps, payId, verdict.events, channel);
  const claimed = 'event' in verdict ? verdict.event : verdict.approval;

  // The one read of the payment on this path: eventually consistent (half the cost). The fields
  // checked here never change after the create, and the status worker decides on its own consistent
  // read; only a payment not seen yet (a callback right after its create) is read consistently.
  const payment = (await deps.payments.get(claimed.payNo, { consistent: false })) ?? (await deps.payments.get(claimed.payNo));
  if (!payment || payment.payId !== payId) return reject('unknown_payment', `no payment ${claimed.payNo} under ${payId}`, claimed.payNo);
  if (claimed.amount !== payment.amount || claimed.currency !== payment.currency) {
    return reject(
      'amount_mismatch',
      `provider says ${claimed.amount} ${claimed.currency}, payment is ${payment.amount} ${payment.currency}`,
      claimed.payNo,
    );
  }

  let event: PaymentEvent;
  try {
    if ('event' in verdict) event = verdict.event;
    // Completing takes the buyer's money: only for a payment still waiting for it. A late or
    // repeated approval (the capture's own notification came first) needs nothing more.
    else if (payment.status !== 'CREATED' && payment.status !== 'PENDING') {
      return { outcome: 'ignored', reply: accepted, payNo: claimed.payNo, detail: `approval for a ${payment.status} payment` };
    } else if (channel.complete) event = await channel.complete(call, verdict.approval);
    else return reject('unsupported', `${channel.name} sent an approval it cannot complete`, claimed.payNo);
  } catch (error) {
    // The outcome at the provider is unknown: the provider's retry will bring this back.
    return { outcome: 'provider_unavailable', reply: retryLater, payNo: claimed.payNo, error };
  }
  return enqueue(deps, event, channel);
}

/**
 * A combined payment's notification (one per provider order, every member in it): each member must
 * be a payment under this config for its amount, else the whole notification is rejected and
 * nothing enqueued. Each member's event goes on the queue in its own FIFO group; a failed send asks
 * the provider to retry the whole, and the events' ids deduplicate what was sent already.
 */
async function enqueueCombined(deps: ReceiveCallbackDeps, payId: string, events: PaymentEvent[], channel: Channel<unknown>): Promise<CallbackOutcome> {
  for (const event of events) {
    const payment = (await deps.payments.get(event.payNo, { consistent: false })) ?? (await deps.payments.get(event.payNo));
    if (!payment || payment.payId !== payId) {
      return { outcome: 'rejected', reply: channel.callbackReplies.rejected, reason: 'unknown_payment', detail: `no payment ${event.payNo} under ${payId}`, payNo: event.payNo };
    }
    if (event.amount !== payment.amount || event.currency !== payment.currency) {
      const detail = `provider says ${event.amount} ${event.currency}, payment is ${payment.amount} ${payment.currency}`;
      return { outcome: 'rejected', reply: channel.callbackReplies.rejected, reason: 'amount_mismatch', detail, payNo: event.payNo };
    }
  }
  let last: CallbackOutcome | undefined;
  for (const event of events) {
    last = await enqueue(deps, event, channel);
    if (last.outcome !== 'enqueued') return last;
  }
  return last ?? { outcome: 'ignored', reply: channel.callbackReplies.accepted, detail: 'a combined notification without members' };
}

async function enqueue(deps: ReceiveCallbackDeps, event: PaymentEvent | RefundEvent, channel: Channel<unknown>): Promise<CallbackOutcome> {
  try {
    await deps.queue.send(event);
  } catch (error) {
    return { outcome: 'enqueue_failed', reply: channel.callbackReplies.retryLater, event, error };
  }
  return { outcome: 'enqueued', reply: channel.callbackReplies.accepted, event };
}

/**
 * A refund notification must name a refund payee made, of a payment under this config, for the
 * refund's amount (when the provider states it) and currency, and the payment's amount (when it
 * states the trade's): anything else is recorded and rejected, never applied.
 */
async function refundMismatch(
  deps: ReceiveCallbackDeps,
  payId: string,
  event: RefundEvent,
): Promise<{ reason: RejectReason; detail: string } | undefined> {
  const payment = await deps.payments.get(event.payNo);
  if (!payment || payment.payId !== payId) return { reason: 'unknown_payment', detail: `no payment ${event.payNo} under ${payId}` };
  const refund = await deps.refunds.get(event.payNo, event.refundNo);
  if (!refund) return { reason: 'unknown_refund', detail: `no refund ${event.refundNo} of payment ${event.payNo}` };
  if (event.currency !== refund.currency || (event.amount !== undefined && event.amount !== refund.amount)) {
    return { reason: 'amount_mismatch', detail: `provider says refund ${event.amount ?? '?'} ${event.currency}, refund is ${refund.amount} ${refund.currency}` };
  }
  if (event.tradeAmount !== undefined && event.tradeAmount !== payment.amount) {
    return { reason: 'amount_mismatch', detail: `provider says the trade is ${event.tradeAmount}, payment is ${payment.amount}` };
  }
  return undefined;
}
