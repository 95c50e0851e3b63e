/**
 * Create (ARCHITECTURE.md §5 flow 1): validate → pick the config → the Idempotency-Key claim is
 * put, then the payment CREATED, whose number is its outTradeNo's (payNoOf), so its conditional
 * put refuses a second payment for it → the channel creates the payment at the provider → one
 * conditional write moves it to PENDING (or FAILED on a clear refusal). Two DynamoDB writes
 * without a key, three with, plus the config read when it is not cached. The payment the claim
 * names tells whether the create is done, and a replay answers it as stored: until the payment
 * moves on, that is the first reply byte for byte (no reply is written to the claim: issue 17). A
 * provider timeout or 5xx leaves the payment CREATED and gives the key back, so a retry with the
 * same key resumes the same payment; a claim left without its payment (a crash in between) is
 * resumed from the start once its lease ends.
 */
import type { ChannelCall, CreateOutcome, PaymentEvent } from '../channels/channel.ts';
import { applyPaymentEvent } from '../callbacks/apply-event.ts';
import type { DetailLine } from '../api/details-schema.ts';
import { loadChannelFor } from '../channels/registry.ts';
import { EXPIRES_IN, type CreatePaymentBody } from '../api/create-payment-schema.ts';
import type { PaymentResource } from '../api/payment-schema.ts';
import { Conflict, InvalidRequest, ProviderUnavailable } from '../domain/errors.ts';
import { payNoOf } from '../domain/ids.ts';
import { firstCheckAt, type Payment } from '../domain/payment.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import type { SceneReader } from '../store/tenancy-store.ts';
import { claimFor, resumeClaim } from './idempotency.ts';
import { payIdOfScene, resolvePayConfig } from './pay-config.ts';
import { toResource } from './payment-resource.ts';

export interface CreatePaymentDeps {
  payments: PaymentStore;
  configs: ConfigStore;
  scenes: SceneReader;
  http: ProviderHttp;
  providerTimeoutMs: number;
  /** How long a create may hold its Idempotency-Key before another request may take over. */
  leaseMs: number;
  now: () => Date;
  /** Whether the company's ledger posts the lines (lib/ledger/check-details.ts); without it, lines are only kept. */
  ledger?: (companyId: string, input: { details?: DetailLine[]; currency: string; method: string; internal: boolean }) => Promise<boolean>;
}

export interface CreatePaymentInput {
  companyId: string;
  /** The company's ancestors and itself, root first: kept on the payment for visibility.ts. */
  companyPath: string[];
  body: CreatePaymentBody;
  idempotencyKey?: string;
  /** Public base URL of this API; the provider's callback URL is built from it. */
  publicBaseUrl: string;
  /**
   * A group member (lib/groups/): the group's number; in a combined group, the group's one
   * provider call for every member stands in for the channel's create.
   */
  member?: { groupNo: string; createAtProvider?: (payment: Payment) => Promise<CreateOutcome> };
}

export type CreatePaymentResult =
  | { kind: 'created'; payment: PaymentResource; outcome: CreateOutcome['outcome'] }
  | { kind: 'replayed'; statusCode: number; body: unknown };

export async function createPayment(deps: CreatePaymentDeps, input: CreatePaymentInput): Promise<CreatePaymentResult> {
  const { body, companyId } = input;
  // The create schema admits only methods of known channels.
  const channel = (await loadChannelFor(body.method))!;
  if (!channel.currencies.includes(body.currency)) {
    throw new InvalidRequest(
      'currency_not_supported',
      `${body.method} takes ${channel.currencies.join(', ')}, not ${body.currency}`,
      'currency',
    );
  }
  // Detail lines post to the company's ledger when it keeps one (lib/ledger/): checked before anything is stored.
  const ledger = deps.ledger
    ? await deps.ledger(companyId, { details: body.details, currency: body.currency, method: body.method, internal: channel.internal === true })
    : false;
  const payId = body.scene !== undefined ? await payIdOfScene(deps.scenes, companyId, body.scene, body.method) : body.payId;
  const { payConfig, config } = await resolvePayConfig(deps.configs, companyId, channel, payId, body.scene !== undefined ? 'scene' : 'payId');

  const now = deps.now();
  const created = now.toISOString();
  const expiresAt = new Date(now.getTime() + (body.expiresIn ?? EXPIRES_IN.default) * 1000);
  let payment: Payment = {
    payNo: payNoOf(companyId, body.outTradeNo),
    ...(input.member ? { groupNo: input.member.groupNo } : {}),
    companyId,
    companyPath: input.companyPath,
    payId: payConfig.payId,
    channel: channel.name,
    method: body.method,
    outTradeNo: body.outTradeNo,
    subject: body.subject,
    amount: body.amount,
    orderAmount: body.orderAmount ?? body.amount,
    currency: body.currency,
    status: 'CREATED',
    refundableAmount: 0,
    notifyUrl: body.notifyUrl,
    returnUrl: body.returnUrl,
    metadata: body.metadata,
    details: body.details,
    ...(ledger ? { ledger: true } : {}),
    payer: body.payer,
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    version: 1,
    expiresAt: expiresAt.toISOString(),
    nextCheckAt: firstCheckAt(now, expiresAt),
    createdAt: created,
    updatedAt: created,
  };

  const claim = claimFor(companyId, input.idempotencyKey, body, now, deps.leaseMs);

  let inserted = await deps.payments.insert(payment, claim);
  if (!inserted.ok && inserted.reason === 'idempotency_key_taken') {
    const resumed = await resumeClaim(deps, claim!, inserted.record, {
      // A key first used by a refund has another body hash: refused above as reused. null: the
      // claim is there and its payment not (yet), the attempt stopped or still running in between.
      load: async (record) => (await deps.payments.get(record.payNo)) ?? null,
      // The create is done once its payment left CREATED; the payment as stored is its reply. The
      // payment of its number may be another request's: then its outTradeNo was taken.
      replay: (first, record) => {
        if (first === null) return undefined;
        if (first.idempotencyKey !== record.key) throw duplicate(first);
        return first.status === 'CREATED' ? undefined : { statusCode: 201, body: toResource(first) };
      },
    });
    if (resumed.kind === 'replayed') return resumed;
    if (resumed.subject === null) {
      // Taken over from an attempt that stopped before its payment: this one puts it.
      inserted = await deps.payments.insert(payment);
    } else payment = resumed.subject;
  }
  if (!inserted.ok && inserted.reason === 'insufficient_funds') {
    const line = payment.details!.findIndex((l) => l.accountOut === inserted.accountId);
    throw new Conflict('insufficient_funds', `Account ${inserted.accountId} would go past its overdraft limit`, `details.${line}.accountOut`);
  }
  if (!inserted.ok && inserted.reason === 'duplicate_out_trade_no') throw duplicate(payment);

  let outcome: CreateOutcome;
  try {
    const call: ChannelCall<unknown> = { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
    const combined = input.member?.createAtProvider;
    outcome = combined ? await combined(payment) : await channel.create(call, {
      payNo: payment.payNo,
      createdAt: new Date(payment.createdAt),
      method: payment.method,
      subject: payment.subject,
      amount: payment.amount,
      currency: payment.currency,
      expiresAt: new Date(payment.expiresAt),
      callbackUrl: `${input.publicBaseUrl}/callbacks/${channel.name}/${payment.payId}`,
      returnUrl: payment.returnUrl,
      payer: payment.payer,
    });
  } catch (err) {
    if (claim && err instanceof ProviderUnavailable) await deps.payments.releaseClaim(companyId, claim.key);
    throw err;
  }

  if (outcome.outcome === 'paid') {
    // Settled at create (an internal channel): applied as the provider's success would be, notification included.
    const event: PaymentEvent = {
      eventId: `paid-at-create-${payment.payNo}`,
      payNo: payment.payNo,
      channel: payment.channel,
      status: 'SUCCEEDED',
      providerStatus: 'SETTLED',
      providerTradeNo: outcome.providerTradeNo,
      amount: payment.amount,
      currency: payment.currency,
    };
    const applied = await applyPaymentEvent(deps.payments, event, deps.now, payment);
    return { kind: 'created', payment: toResource(applied.payment), outcome: outcome.outcome };
  }

  const next: Payment = {
    ...payment,
    version: payment.version + 1,
    updatedAt: deps.now().toISOString(),
    ...(outcome.outcome === 'created'
      ? { status: 'PENDING', action: outcome.action, providerTradeNo: outcome.providerTradeNo }
      : { status: 'FAILED', failure: { code: outcome.code, message: outcome.message } }),
  };
  const resource = toResource(next);
  const stored = await deps.payments.update(payment, next);
  if (!stored) {
    // Only a second request that took over an expired claim can get here first; its answer stands.
    throw new Conflict('payment_changed', `Payment ${payment.payNo} was changed by a concurrent request; fetch it`);
  }
  return { kind: 'created', payment: resource, outcome: outcome.outcome };
}

function duplicate(payment: Pick<Payment, 'outTradeNo' | 'payNo'>) {
  return new Conflict('duplicate_out_trade_no', `A payment for outTradeNo ${payment.outTradeNo} already exists: ${payment.payNo}`, 'outTradeNo', payment.payNo);
}
