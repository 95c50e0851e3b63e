/**
 * The refund sweep (issue 6): refunds still PENDING once their create request can no longer be
 * running, and PROCESSING refunds whose notification has not come, are asked about at the
 * provider when due (the sparse open-refund index, no Scan). SUCCEEDED and FAILED settle them; a
 * PENDING refund the provider never received is submitted again with the same refundNo (the
 * provider's idempotency key, so it cannot be refunded twice); anything else is checked again
 * later, less and less often (check-schedule.ts).
 */
import type { ChannelCall } from '../channels/channel.ts';
import { ProviderUnavailable } from '../domain/errors.ts';
import type { Refund } from '../domain/refund.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import { channelCallFor } from '../payments/pay-config.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { OpenRefund } from '../store/refund-store.ts';
import { processingCheckAt } from './check-schedule.ts';
import { applyRefundOutcome, settleSucceeded, type SettleDeps } from './settle.ts';
import { providerRefOf } from '../payments/provider-ref.ts';

export interface SweepDeps extends SettleDeps {
  configs: ConfigStore;
  http: ProviderHttp;
  providerTimeoutMs: number;
}

export type CheckOutcome = 'succeeded' | 'failed' | 'processing' | 'resubmitted' | 'unavailable' | 'settled';

export type SweepResult = Record<CheckOutcome, number> & { errors: number };

/** Refunds taken from each index shard per run: a bound on one run's work, the rest waits a minute. */
const PER_SHARD = 25;
/** Provider calls in flight at once. */
const CONCURRENCY = 8;

/**
 * One sweep over the refunds due at `now`; no check starts after `deadline` (epoch ms), and what is
 * left stays due for the next run. `onError` hears of a refund whose check failed unexpectedly (a
 * vanished config, a bug): it is counted and left due, and must not stop the others.
 */
export async function settleOpenRefunds(
  deps: SweepDeps,
  now: Date,
  deadline = Number.POSITIVE_INFINITY,
  onError: (refund: OpenRefund, error: unknown) => void = () => {},
): Promise<SweepResult> {
  const result: SweepResult = { succeeded: 0, failed: 0, processing: 0, resubmitted: 0, unavailable: 0, settled: 0, errors: 0 };
  const due = await deps.refunds.dueForCheck(now.toISOString(), PER_SHARD);
  const worker = async () => {
    for (let refund = due.shift(); refund && Date.now() < deadline; refund = due.shift()) {
      try {
        result[await checkRefund(deps, refund)]++;
      } catch (error) {
        result.errors++;
        onError(refund, error);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return result;
}

/** The open refunds of one payment, checked now whatever their schedule (sync). */
export async function settlePaymentRefunds(deps: SweepDeps, payNo: string): Promise<{ refundNo: string; outcome: CheckOutcome }[]> {
  const open = (await deps.refunds.list(payNo)).filter((r) => r.status === 'PENDING' || r.status === 'PROCESSING');
  return Promise.all(open.map(async (refund) => ({ refundNo: refund.refundNo, outcome: await checkRefund(deps, refund) })));
}

/** Asks the provider about one open refund and settles, submits again or defers it. */
export async function checkRefund(deps: SweepDeps, due: Refund & Partial<OpenRefund>): Promise<CheckOutcome> {
  // The index lags the table: read the refund itself before acting on it.
  const refund = await deps.refunds.get(due.payNo, due.refundNo);
  if (!refund || (refund.status !== 'PENDING' && refund.status !== 'PROCESSING')) return 'settled';
  const checks = (due.checks ?? 0) + 1;
  const defer = async (outcome: CheckOutcome) => {
    await deps.refunds.deferCheck(refund, processingCheckAt(deps.now(), checks), checks);
    return outcome;
  };

  try {
    const payment = await deps.payments.get(refund.payNo);
    if (!payment) throw new Error(`payment ${refund.payNo} of refund ${refund.refundNo} is missing`);
    const { channel, config } = await channelCallFor(deps.configs, payment);
    const call: ChannelCall<unknown> = { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
    const ref = providerRefOf(payment);
    const found = await channel.queryRefund(call, { payment: ref, refundNo: refund.refundNo, providerRefundNo: refund.providerRefundNo });
    if (found.amount !== undefined && found.amount !== refund.amount) {
      throw new Error(`provider reports refund ${refund.refundNo} of ${found.amount}, payee has ${refund.amount}`);
    }
    switch (found.status) {
      case 'SUCCEEDED':
        return (await settleSucceeded(deps, refund, found.providerRefundNo ?? refund.providerRefundNo)) === 'stored' ? 'succeeded' : 'settled';
      case 'FAILED': {
        const word = found.providerStatus ?? 'FAILED';
        const stored = await deps.refunds.settleFailed(refund, { code: `REFUND_${word}`, message: `the provider reports the refund ${word}` }, deps.now().toISOString());
        return stored ? 'failed' : 'settled';
      }
      case 'PROCESSING':
        if (refund.status === 'PENDING') await deps.refunds.markProcessing(refund, found.providerRefundNo, deps.now().toISOString());
        return defer('processing');
      case 'NOT_FOUND': {
        // PROCESSING means the provider took it: not finding it is the provider's lag, ask again later.
        if (refund.status !== 'PENDING' || !due.callbackUrl) return defer('processing');
        const outcome = await channel.refund(call, { payment: ref, refundNo: refund.refundNo, amount: refund.amount, reason: refund.reason, callbackUrl: due.callbackUrl });
        await applyRefundOutcome(deps, refund, outcome);
        return 'resubmitted';
      }
    }
  } catch (error) {
    // Unknown at the provider, or something to look into (a missing config, amounts that disagree):
    // asked again later, less and less often; the latter is the caller's error to report.
    await defer('unavailable');
    if (error instanceof ProviderUnavailable) return 'unavailable';
    throw error;
  }
}
