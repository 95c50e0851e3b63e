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
  | { outcome: 'refused'; code: string; message: string };

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
  /** What the provider says the payment now is. */
  status: 'SUCCEEDED' | 'CLOSED';
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

export type CallbackVerdict =
  | { ok: true; event: PaymentEvent }
  /** Not a genuine, well-formed callback for this config: answered 4xx, never enqueued. */
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_merchant' | 'unsupported'; detail: string };

/** An HTTP reply as a provider expects it, byte for byte. */
export interface ProviderReply {
  statusCode: number;
  contentType: string;
  body: string;
}

export interface ChannelCall<Config> {
  config: Config;
  /** Outbound HTTP, injected so that tests can observe or break it. */
  http: ProviderHttp;
  /** Provider call timeout; an expired timeout is ProviderUnavailable, never a failure. */
  timeoutMs: number;
  now: () => Date;
}

export interface Channel<Config = unknown> {
  /** `alipay`, `wechat`, ... the prefix of its methods. */
  readonly name: string;
  /** Full method names this channel serves, e.g. `['alipay.qr', 'alipay.page', ...]`. */
  readonly methods: readonly string[];
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
  query(call: ChannelCall<Config>, payment: { payNo: string; currency: string }): Promise<ProviderPayment>;
  /**
   * Verify a callback with the config's keys (signature, the provider's ids for this merchant,
   * timestamps, decryption) and normalise it. Pure: no I/O.
   */
  verifyCallback(config: Config, request: CallbackRequest, now: Date): CallbackVerdict;
  /**
   * The replies its callbacks expect: `accepted` ends the provider's retries; `rejected` (a
   * forged or malformed callback) and `retryLater` (payee could not take it now) do not.
   */
  readonly callbackReplies: { accepted: ProviderReply; rejected: ProviderReply; retryLater: ProviderReply };
}
