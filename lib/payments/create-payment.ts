/**
 * Create (ARCHITECTURE.md §5 flow 1): validate → pick the config → one transaction writes the
 * payment CREATED, its out-trade-no guard and the Idempotency-Key claim → the channel creates the
 * payment at the provider → one conditional write moves it to PENDING (or FAILED on a clear
 * refusal) with the reply to replay. Two DynamoDB round trips, plus the config read when it is
 * not cached. The claim is never rewritten: the payment it names tells whether the create is
 * done. A provider timeout or 5xx leaves the payment CREATED and gives the key back, so a retry
 * with the same key resumes the same payment.
 */
import type { ChannelCall, CreateOutcome } from '../channels/channel.ts';
import { loadChannelFor } from '../channels/registry.ts';
import { EXPIRES_IN, type CreatePaymentBody } from '../api/create-payment-schema.ts';
import type { PaymentResource } from '../api/payment-schema.ts';
import { Conflict, IdempotencyError, InvalidRequest, ProviderUnavailable } from '../domain/errors.ts';
import { newPayNo } from '../domain/ids.ts';
import type { Payment } from '../domain/payment.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { IdempotencyClaim, IdempotencyRecord, PaymentStore } from '../store/payment-store.ts';
import { resolvePayConfig } from './pay-config.ts';
import { toResource } from './payment-resource.ts';
import { requestHash } from './request-hash.ts';

export interface CreatePaymentDeps {
  payments: PaymentStore;
  configs: ConfigStore;
  http: ProviderHttp;
  providerTimeoutMs: number;
  /** How long a create may hold its Idempotency-Key before another request may take over. */
  leaseMs: number;
  now: () => Date;
}

export interface CreatePaymentInput {
  companyId: string;
  body: CreatePaymentBody;
  idempotencyKey?: string;
  /** Public base URL of this API; the provider's callback URL is built from it. */
  publicBaseUrl: string;
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
  const { payConfig, config } = await resolvePayConfig(deps.configs, companyId, channel, body.payId);

  const now = deps.now();
  const created = now.toISOString();
  let payment: Payment = {
    payNo: newPayNo(),
    companyId,
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
    payer: body.payer,
    version: 1,
    expiresAt: new Date(now.getTime() + (body.expiresIn ?? EXPIRES_IN.default) * 1000).toISOString(),
    createdAt: created,
    updatedAt: created,
  };

  const claim: IdempotencyClaim | undefined = input.idempotencyKey
    ? { companyId, key: input.idempotencyKey, bodyHash: requestHash(body), lockedUntil: now.getTime() + deps.leaseMs }
    : undefined;

  const inserted = await deps.payments.insert(payment, claim);
  if (!inserted.ok) {
    if (inserted.reason === 'duplicate_out_trade_no') {
      throw new Conflict('duplicate_out_trade_no', `A payment for outTradeNo ${body.outTradeNo} already exists`, 'outTradeNo');
    }
    const resumed = await resumeClaim(deps, claim!, inserted.record);
    if (resumed.kind === 'replayed') return resumed;
    payment = resumed.payment;
  }

  let outcome: CreateOutcome;
  try {
    const call: ChannelCall<unknown> = { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
    outcome = await channel.create(call, {
      payNo: payment.payNo,
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

  const next: Payment = {
    ...payment,
    version: payment.version + 1,
    updatedAt: deps.now().toISOString(),
    ...(outcome.outcome === 'created'
      ? { status: 'PENDING', action: outcome.action, providerTradeNo: outcome.providerTradeNo }
      : { status: 'FAILED', failure: { code: outcome.code, message: outcome.message } }),
  };
  const resource = toResource(next);
  if (claim) next.createReply = JSON.stringify(resource);
  const stored = await deps.payments.update(next, { version: payment.version, status: 'CREATED' });
  if (!stored) {
    // Only a second request that took over an expired claim can get here first; its answer stands.
    throw new Conflict('payment_changed', `Payment ${payment.payNo} was changed by a concurrent request; fetch it`);
  }
  return { kind: 'created', payment: resource, outcome: outcome.outcome };
}

/** The key was used before: replay, refuse, or take over an abandoned attempt. */
async function resumeClaim(
  deps: CreatePaymentDeps,
  claim: IdempotencyClaim,
  record: IdempotencyRecord,
): Promise<{ kind: 'replayed'; statusCode: number; body: unknown } | { kind: 'resume'; payment: Payment }> {
  if (record.bodyHash !== claim.bodyHash) {
    throw new IdempotencyError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
  }
  const inUse = () =>
    new IdempotencyError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly');
  const first = await deps.payments.get(record.payNo);
  if (!first) throw inUse();
  if (first.status !== 'CREATED') {
    return { kind: 'replayed', statusCode: 201, body: first.createReply ? JSON.parse(first.createReply) : toResource(first) };
  }
  if (record.lockedUntil > deps.now().getTime()) throw inUse();
  if (!(await deps.payments.takeOverClaim(record, claim.lockedUntil))) throw inUse();
  return { kind: 'resume', payment: first };
}
