/**
 * PayPal webhooks (PROTOCOLS.md §4.2): verified offline with the certificate PayPal names, then
 * normalised. CHECKOUT.ORDER.APPROVED is an approval payee must capture; PAYMENT.CAPTURE.COMPLETED
 * is the payment's success; PAYMENT.CAPTURE.REFUNDED a refund's (refund-notify.ts).
 */
import { fail } from '../callback.ts';
import type { CallbackFailure, CallbackRequest, CallbackVerdict, ChannelCall, ProviderReply } from '../channel.ts';
import { certificateKey, UntrustedCertificate } from './cert.ts';
import type { PayPalConfig } from './config.ts';
import { fromPayPalAmount } from './amount.ts';
import { payNoOf, purchaseUnit, readCapture } from './order.ts';
import { refundVerdict } from './refund-notify.ts';
import { signedMessage, verifySignature } from './signature.ts';

/**
 * Any 2xx ends PayPal's retries; anything else is retried, up to 25 times over 3 days (§4.2).
 * So a forged webhook's 400 is retried too: harmless, it fails again.
 */
export const callbackReplies: { accepted: ProviderReply; rejected: ProviderReply; retryLater: ProviderReply } = {
  accepted: { statusCode: 200, contentType: 'text/plain', body: '' },
  rejected: { statusCode: 400, contentType: 'text/plain', body: '' },
  retryLater: { statusCode: 503, contentType: 'text/plain', body: '' },
};

/**
 * payee's choice, not PayPal's: §4.2 gives no window. Each retry is a new transmission with its
 * own id and time (hence a fresh signature), so a genuine delivery is always recent; an old one
 * is a replay.
 */
export const MAX_TRANSMISSION_AGE_MS = 5 * 60_000;

/** RFC 3339 UTC as PayPal writes it (§5 "Clocks"), with or without fractional seconds. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Decline events under both names (§4.2 "Event types"). */
const CAPTURE_DECLINED = new Set(['PAYMENT.CAPTURE.DENIED', 'PAYMENT.CAPTURE.DECLINED']);

type Failure = CallbackFailure;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Signature, certificate and freshness; a Failure, or undefined when the webhook is genuine. */
async function authenticate(call: ChannelCall<PayPalConfig>, request: CallbackRequest): Promise<Failure | undefined> {
  const h = request.headers;
  const id = h['paypal-transmission-id'];
  const time = h['paypal-transmission-time'];
  const sig = h['paypal-transmission-sig'];
  const certUrl = h['paypal-cert-url'];
  const algo = h['paypal-auth-algo'];
  if (!id || !time || !sig || !certUrl || !algo) return fail('malformed', 'missing PAYPAL-TRANSMISSION-ID/-TIME/-SIG, PAYPAL-CERT-URL or PAYPAL-AUTH-ALGO');
  if (algo !== 'SHA256withRSA') return fail('malformed', `PAYPAL-AUTH-ALGO ${algo} is not SHA256withRSA`);
  const sentAt = RFC3339.test(time) ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(sentAt)) return fail('malformed', `PAYPAL-TRANSMISSION-TIME ${time} is not RFC 3339`);
  if (Math.abs(call.now().getTime() - sentAt) > MAX_TRANSMISSION_AGE_MS) {
    return fail('bad_signature', `transmission time ${time} is more than ${MAX_TRANSMISSION_AGE_MS / 60_000} min from now`);
  }
  let key;
  try {
    key = await certificateKey(call, certUrl);
  } catch (error) {
    // Anything else (PayPal unreachable) is ProviderUnavailable: the callback asks for a retry.
    if (error instanceof UntrustedCertificate) return fail('bad_signature', error.message);
    throw error;
  }
  const message = signedMessage(id, time, call.config.webhookId, request.rawBody);
  // The webhook id is this merchant's: another app's webhook fails here, as bad_signature.
  if (!verifySignature(message, sig, key)) return fail('bad_signature', 'PAYPAL-TRANSMISSION-SIG does not verify for this webhook id');
  return undefined;
}

/** Verifies and normalises one webhook. Throws ProviderUnavailable only when PayPal's certificate cannot be fetched. */
export async function verifyWebhook(call: ChannelCall<PayPalConfig>, request: CallbackRequest): Promise<CallbackVerdict> {
  const failure = await authenticate(call, request);
  if (failure) return failure;

  let event: unknown;
  try {
    event = JSON.parse(request.rawBody);
  } catch {
    return fail('malformed', 'body is not JSON');
  }
  if (!isObject(event) || typeof event.id !== 'string' || !event.id || typeof event.event_type !== 'string' || !isObject(event.resource)) {
    return fail('malformed', 'not a webhook event (id, event_type, resource)');
  }
  // The event id becomes the queue's deduplication id: 1–128 printable ASCII characters, no space.
  if (!/^[\x21-\x7e]{1,120}$/.test(event.id)) return fail('malformed', 'event id is not a short printable id');
  const eventType = event.event_type;
  const eventId = `paypal-${event.id}`;
  const notifiedAt = typeof event.create_time === 'string' && !Number.isNaN(Date.parse(event.create_time)) ? new Date(event.create_time).toISOString() : undefined;
  const resource = event.resource;

  if (eventType === 'CHECKOUT.ORDER.APPROVED') {
    // An order of several units (a combined group, §6) is approved once: the approval is its first
    // unit's payment, whose capture captures them all (complete); each capture is then notified.
    const unit = purchaseUnit(resource);
    const money = fromPayPalAmount(unit?.amount);
    const payNo = unit && payNoOf(unit);
    if (typeof resource.id !== 'string' || !resource.id || !money || !payNo) return fail('malformed', 'order resource without id, amount or custom_id');
    return {
      ok: true,
      approval: { eventId, payNo, channel: 'paypal', providerStatus: 'APPROVED', providerTradeNo: resource.id, ...money },
    };
  }
  if (eventType === 'PAYMENT.CAPTURE.COMPLETED') {
    const capture = readCapture(resource);
    if (!capture?.payNo || capture.status !== 'COMPLETED') return fail('malformed', 'capture resource without id, COMPLETED status, amount or custom_id');
    const related = isObject(resource.supplementary_data) && isObject(resource.supplementary_data.related_ids) ? resource.supplementary_data.related_ids : {};
    const paidAt = capture.createTime && !Number.isNaN(Date.parse(capture.createTime)) ? new Date(capture.createTime).toISOString() : undefined;
    return {
      ok: true,
      event: {
        eventId,
        payNo: capture.payNo,
        channel: 'paypal',
        status: 'SUCCEEDED',
        providerStatus: 'COMPLETED',
        // The order id, as create() reported it; the capture id is only needed to refund, and refund finds it.
        providerTradeNo: typeof related.order_id === 'string' ? related.order_id : undefined,
        amount: capture.amount,
        currency: capture.currency,
        paidAt,
        notifiedAt,
      },
    };
  }
  if (CAPTURE_DECLINED.has(eventType)) {
    // A declined capture ends nothing: the order stays APPROVED and the buyer may pay with another
    // instrument (§4.1 capture statuses), so it is no CLOSED event. Acknowledged, or PayPal would
    // resend it for days.
    return { ok: true, acknowledged: `${eventType}: a declined capture leaves the payment open` };
  }
  if (eventType === 'PAYMENT.CAPTURE.REFUNDED') return refundVerdict(resource, eventId, notifiedAt);
  return fail('unsupported', `${eventType} is not handled`);
}
