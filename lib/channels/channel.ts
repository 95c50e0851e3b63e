/**
 * The channel interface: everything payee needs from a payment provider. Each provider is one
 * folder `lib/channels/<provider>/` whose index exports one `Channel`; nothing outside that folder
 * knows the provider's wire format. Amounts cross this boundary as integer minor units.
 */
import type * as z from 'zod/mini';
import type { ProviderHttp } from '../http/provider-http.ts';

/** What the buyer is shown to pay: a QR code, a redirect, an auto-submit form, app parameters. */
export type PaymentAction =
  | { type: 'qr_code'; value: string }
  | { type: 'redirect'; value: string }
  | { type: 'form'; value: string }
  | { type: 'app_params'; value: string }
  | { type: 'jsapi_params'; value: Record<string, string> };

export interface CreateRequest {
  /** payee's payment number; the provider's order number (out_trade_no, out_trade_no, orderId...). */
  payNo: string;
  /** When payee created the payment: the order's time where a provider names an order by number and time (UnionPay txnTime). */
  createdAt: Date;
  /** `<channel>.<mode>`, e.g. `alipay.qr`. */
  method: string;
  subject: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  expiresAt: Date;
  /** Where the provider sends its asynchronous callback for this payment. */
  callbackUrl: string;
  /** Where the buyer's browser returns after paying (page/wap/web methods). */
  returnUrl?: string;
  /** Method-specific inputs: openid, client IP, ... */
  payer?: Record<string, string>;
}

export type CreateOutcome =
  | { outcome: 'created'; action: PaymentAction; providerTradeNo?: string }
  /** The provider clearly refused (bad merchant config, business rule): the payment becomes FAILED. */
  | { outcome: 'refused'; code: string; message: string }
  /** Settled at once (an internal channel: balance.transfer): the payment becomes SUCCEEDED. */
  | { outcome: 'paid'; providerTradeNo: string };

/** The provider's view of one payment, normalised. */
export interface ProviderPayment {
  /** NOT_FOUND: the provider has no such trade (yet): e.g. an Alipay QR not scanned. */
  status: 'NOT_FOUND' | 'PENDING' | 'SUCCEEDED' | 'CLOSED' | 'REFUNDED';
  providerTradeNo?: string;
  /** Minor units the provider reports as the trade amount, when it reports one. */
  amount?: number;
  currency?: string;
  paidAt?: Date;
  /** The provider's own status word (TRADE_SUCCESS, ...), kept for the audit trail. */
  providerStatus?: string;
}

/** A provider's callback exactly as it arrived at payee. */
export interface CallbackRequest {
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The body as received, undecoded: signatures cover the raw bytes. */
  rawBody: string;
}

/**
 * A verified provider fact about one payment, normalised: what the callback Lambda (and later
 * the reconciler's queries) put on the queue and the status worker applies.
 */
export interface PaymentEvent {
  /**
   * Deterministic: the same provider notification (and its retries) always gives the same id,
   * so it is the queue's deduplication id and the event item's key.
   */
  eventId: string;
  payNo: string;
  channel: string;
  /** What the provider says the payment now is (REFUNDED: only from a provider query, refunded in full). */
  status: 'SUCCEEDED' | 'CLOSED' | 'REFUNDED';
  /** The provider's own word for it (TRADE_SUCCESS, ...). */
  providerStatus: string;
  providerTradeNo?: string;
  /** Minor units the provider says were paid / the trade is for. */
  amount: number;
  currency: string;
  /** ISO time the buyer paid, when the provider says. */
  paidAt?: string;
  /** ISO time the provider sent the notification. */
  notifiedAt?: string;
}

/**
 * A buyer's approval that the merchant must still complete (PayPal: CHECKOUT.ORDER.APPROVED, then
 * capture). Never queued: the callback completes it into a PaymentEvent first.
 */
export interface Approval {
  eventId: string;
  payNo: string;
  channel: string;
  providerStatus: string;
  providerTradeNo: string;
  amount: number;
  currency: string;
}

/**
 * A verified provider fact about one refund (a refund notification): queued like a PaymentEvent,
 * in the payment's FIFO group, and settled by the status worker.
 */
export interface RefundEvent {
  kind: 'refund';
  /** Deterministic, as PaymentEvent's: the same notification and its retries give the same id. */
  eventId: string;
  payNo: string;
  /** payee's refund number (R…): the provider's out_refund_no / out_request_no / orderId / invoice_id. */
  refundNo: string;
  channel: string;
  /** SUCCEEDED: the money went back; FAILED: the provider will not refund it (WeChat ABNORMAL, CLOSED). */
  status: 'SUCCEEDED' | 'FAILED';
  /** The provider's own word for it (REFUND.SUCCESS, 00, COMPLETED...). */
  providerStatus: string;
  providerRefundNo?: string;
  /** Minor units of this refund, when the provider states them (Alipay states only the trade's refunded total). */
  amount?: number;
  currency: string;
  /** Minor units of the whole payment, when the notification states them (Alipay's total_amount). */
  tradeAmount?: number;
  /** ISO time the provider sent the notification or settled the refund. */
  notifiedAt?: string;
}

/** A refund as the provider knows it (queryRefund), normalised. */
export interface ProviderRefund {
  /** NOT_FOUND: the provider never received this refundNo (payee may submit it again with the same refundNo). */
  status: 'NOT_FOUND' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';
  providerRefundNo?: string;
  /** Minor units, when the provider reports them. */
  amount?: number;
  providerStatus?: string;
}

export interface RefundQuery {
  payment: ProviderPaymentRef;
  refundNo: string;
  providerRefundNo?: string;
}

export type CallbackVerdict =
  | { ok: true; event: PaymentEvent }
  /** A combined payment's notification (WeChat combine): one event per member payment. */
  | { ok: true; events: PaymentEvent[] }
  | { ok: true; refund: RefundEvent }
  | { ok: true; approval: Approval }
  /** Genuine, and nothing to apply (say why): acknowledged so that the provider stops retrying. */
  | { ok: true; acknowledged: string }
  /** Not a genuine, well-formed callback for this config: answered 4xx, never enqueued. */
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_merchant' | 'unsupported'; detail: string };

export type CallbackFailure = Extract<CallbackVerdict, { ok: false }>;

/** An HTTP reply as a provider expects it, byte for byte. */
export interface ProviderReply {
  statusCode: number;
  contentType: string;
  body: string;
}

/** What a query names a payment by: its number, and its time where a provider needs that too (UnionPay). */
export interface PaymentQuery {
  payNo: string;
  /** CreateRequest.createdAt: the payment's createdAt. */
  createdAt: Date;
  currency: string;
  providerTradeNo?: string;
}

/** A payment as the provider knows it, for follow-up calls. */
export interface ProviderPaymentRef {
  payNo: string;
  /** The payment's createdAt: payee always gives it; UnionPay, which names an order by number and time, needs it. */
  createdAt?: Date;
  amount: number;
  currency: string;
  providerTradeNo?: string;
}

export type CloseOutcome =
  | { outcome: 'closed' }
  /** The buyer paid meanwhile: the payment must end SUCCEEDED, never CLOSED. */
  | { outcome: 'paid'; payment: ProviderPayment }
  | { outcome: 'refused'; code: string; message: string };

export interface RefundRequest {
  payment: ProviderPaymentRef;
  /** payee's refund number (R + ULID): the provider's idempotency key for this refund. */
  refundNo: string;
  /** Minor units to refund now. */
  amount: number;
  reason?: string;
  /** Where the provider sends the refund's outcome, for providers that notify refunds. */
  callbackUrl: string;
}

export type RefundOutcome =
  | { outcome: 'succeeded' | 'processing'; providerRefundNo?: string }
  | { outcome: 'refused'; code: string; message: string };

/**
 * One payment as a provider's daily statement (Alipay trade bill, WeChat trade bill) shows it: its
 * trade row of that day, if any, and the refunds of that day, summed.
 */
export interface StatementLine {
  /** Our out_trade_no. */
  payNo: string;
  providerTradeNo: string;
  /** Minor units the buyer paid, from the trade row; absent when the day only has refunds of a trade paid on another day. */
  amount?: number;
  currency: string;
  /** SUCCEEDED: paid; REFUNDED: the statement shows refunds of the whole amount. */
  status: 'SUCCEEDED' | 'REFUNDED';
  /** Minor units refunded in the statement's day. */
  refundedAmount: number;
  /** ISO time of the trade row (paid) or of the day's first refund. */
  at: string;
}

export interface ChannelCall<Config> {
  config: Config;
  /** Outbound HTTP, injected so that tests can observe or break it. */
  http: ProviderHttp;
  /** Provider call timeout; an expired timeout is ProviderUnavailable, never a failure. */
  timeoutMs: number;
  now: () => Date;
}

/** One member of a combined payment: its own order (sub-order) at the provider, numbered by its payNo. */
export interface CombinedMember {
  payNo: string;
  subject: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
}

export interface CombinedRequest {
  /** payee's group number: the combined order's number at the provider. */
  groupNo: string;
  method: string;
  members: CombinedMember[];
  expiresAt: Date;
  callbackUrl: string;
  returnUrl?: string;
  payer?: Record<string, string>;
}

/**
 * Paying several payments in one buyer step (lib/groups/, PROTOCOLS.md §6), for channels that can.
 * Each member stays a payment of its own: its callbacks, refunds and statement lines are a single
 * payment's. Every call throws ProviderUnavailable when the outcome is unknown.
 */
export interface CombinedPayments<Config> {
  /** One provider order for every member: one action for the buyer, or the provider's refusal. */
  create(call: ChannelCall<Config>, request: CombinedRequest): Promise<CreateOutcome>;
  /** Every member as the provider knows it, by payNo. */
  query(call: ChannelCall<Config>, group: { groupNo: string; members: ProviderPaymentRef[] }): Promise<Map<string, ProviderPayment>>;
  /** Close the whole combined order (the provider takes no part of it); a query then says what each member is. */
  close(call: ChannelCall<Config>, group: { groupNo: string; members: ProviderPaymentRef[] }): Promise<{ outcome: 'closed' } | { outcome: 'refused'; code: string; message: string }>;
}

export interface Channel<Config = unknown> {
  /** `alipay`, `wechat`, ... the prefix of its methods. */
  readonly name: string;
  /** Full method names this channel serves, e.g. `['alipay.qr', 'alipay.page', ...]`. */
  readonly methods: readonly string[];
  /**
   * An internal channel (lib/channels/balance/): it moves money between the company's ledger
   * accounts, needs no pay config, and settles at create.
   */
  readonly internal?: boolean;
  /** ISO 4217 codes the channel accepts. */
  readonly currencies: readonly string[];
  /** The pay config (cnf_pay) this channel needs: validation and its template. */
  readonly configSchema: z.ZodMiniType<Config>;
  /** Names of the config fields that are secrets (never returned, never logged). */
  readonly secretFields: readonly (keyof Config & string)[];
  /**
   * Start a payment at the provider. Throws ProviderUnavailable when the outcome is unknown
   * (timeout, network error, 5xx, unverifiable response).
   */
  create(call: ChannelCall<Config>, request: CreateRequest): Promise<CreateOutcome>;
  /** Ask the provider about a payment by payNo. Throws ProviderUnavailable likewise. */
  query(call: ChannelCall<Config>, payment: PaymentQuery): Promise<ProviderPayment>;
  /** Close an unpaid payment at the provider. Throws ProviderUnavailable when unknown. */
  close(call: ChannelCall<Config>, payment: ProviderPaymentRef): Promise<CloseOutcome>;
  /** Refund part or all of a paid payment. Throws ProviderUnavailable when unknown. */
  refund(call: ChannelCall<Config>, request: RefundRequest): Promise<RefundOutcome>;
  /** Ask the provider about one refund by refundNo (or its own refund id). Throws ProviderUnavailable when unknown. */
  queryRefund(call: ChannelCall<Config>, query: RefundQuery): Promise<ProviderRefund>;
  /**
   * Verify a callback with the config's keys (signature, the provider's ids for this merchant,
   * timestamps, decryption) and normalise it. I/O only where the provider's scheme needs it
   * (PayPal: fetching its signing certificate from its own hosts).
   */
  verifyCallback(call: ChannelCall<Config>, request: CallbackRequest): Promise<CallbackVerdict>;
  /**
   * For providers whose approval the merchant must complete (PayPal: capture the order after
   * CHECKOUT.ORDER.APPROVED): complete it and return the resulting event. Throws
   * ProviderUnavailable when the outcome is unknown (the callback then asks for a retry).
   */
  complete?(call: ChannelCall<Config>, approval: Approval): Promise<PaymentEvent>;
  /**
   * The provider's statement of one day (`yyyy-mm-dd`, the provider's own day: Asia/Shanghai for
   * Alipay and WeChat), one line per payment. Throws ProviderUnavailable when it cannot be fetched
   * or verified. Absent for providers whose statements payee does not read (UnionPay, PayPal).
   */
  statement?(call: ChannelCall<Config>, day: string): Promise<StatementLine[]>;
  /** Combined payments (groups in combined mode); absent for channels without them (UnionPay). */
  readonly combined?: CombinedPayments<Config>;
  /**
   * The replies its callbacks expect: `accepted` ends the provider's retries; `rejected` (a
   * forged or malformed callback) and `retryLater` (payee could not take it now) do not.
   */
  readonly callbackReplies: { accepted: ProviderReply; rejected: ProviderReply; retryLater: ProviderReply };
}
