/**
 * PayPal's REST API as the sandbox serves it (PROTOCOLS.md §4.1): the OAuth2 token endpoint,
 * Orders v2 create / get / capture and Payments v2 capture refunds and refund details, idempotent on
 * PayPal-Request-Id, with PayPal's error bodies `{name, message, debug_id, details[{issue}]}`.
 */
import { randomBytes } from 'node:crypto';
import {
  capture,
  minorUnits,
  moneyOf,
  orderJson,
  paypalId,
  refunded,
  refundJson,
  settleRefund,
  SUPPORTED_CURRENCIES,
  type Merchant,
  unitOfCapture,
  type Order,
  type PurchaseUnit,
  type Refund,
} from './orders.ts';
import type { RefundPlans } from '../refund-plan.ts';

export interface ApiState {
  base: string;
  merchants: Map<string, Merchant>;
  tokens: Map<string, { clientId: string; expiresAt: number }>;
  orders: Map<string, Order>;
  /** Replies kept per merchant, path and PayPal-Request-Id: a repeated request gets the first reply. */
  replies: Map<string, ApiReply>;
  /** The order was captured: PayPal sends PAYMENT.CAPTURE.COMPLETED for each capture. */
  onCaptured(order: Order): void;
  /** How each new refund settles and whether it is notified (refunds.ts). */
  refundPlans: RefundPlans;
  /** A refund was made (COMPLETED at once, or PENDING): refunds.ts notifies and settles it. */
  onRefund(order: Order, refund: Refund): void;
}

export interface ApiReply {
  status: number;
  body: unknown;
}

/** PayPal's tokens live 9 hours. */
export const TOKEN_TTL_S = 32_400;

function error(status: number, name: string, message: string, issue?: string, description?: string): ApiReply {
  return {
    status,
    body: { name, message, debug_id: randomBytes(6).toString('hex'), ...(issue ? { details: [{ issue, description: description ?? message }] } : {}) },
  };
}
const unprocessable = (issue: string, description: string) =>
  error(422, 'UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.', issue, description);
const invalid = (issue: string, description: string) => error(400, 'INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.', issue, description);
const notFound = () => error(404, 'RESOURCE_NOT_FOUND', 'The specified resource does not exist.', 'INVALID_RESOURCE_ID', 'Specified resource ID does not exist.');

/** POST /v1/oauth2/token: HTTP Basic client_id:secret, grant_type=client_credentials. */
export function issueToken(state: ApiState, authorization: string | undefined, form: string): ApiReply {
  const [scheme, encoded = ''] = (authorization ?? '').split(' ');
  const [clientId = '', secret] = Buffer.from(encoded, 'base64').toString('utf8').split(':');
  const merchant = state.merchants.get(clientId);
  if (scheme !== 'Basic' || !merchant || merchant.clientSecret !== secret) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
  }
  if (new URLSearchParams(form).get('grant_type') !== 'client_credentials') {
    return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' } };
  }
  const token = `A21AA${randomBytes(40).toString('base64url')}`;
  state.tokens.set(token, { clientId, expiresAt: Date.now() + TOKEN_TTL_S * 1000 });
  return {
    status: 200,
    body: { scope: 'https://uri.paypal.com/services/payments/payment', access_token: token, token_type: 'Bearer', app_id: `APP-${paypalId(17)}`, expires_in: TOKEN_TTL_S, nonce: randomBytes(16).toString('hex') },
  };
}

/** The merchant a bearer token belongs to, or undefined (401). */
export function bearer(state: ApiState, authorization: string | undefined): Merchant | undefined {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  const token = match && state.tokens.get(match[1]!);
  if (!token || token.expiresAt < Date.now()) return undefined;
  return state.merchants.get(token.clientId);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const optionalText = (v: unknown, max: number) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);

/** Purchase units per order (§4.1, §6): 1-10. */
const MAX_UNITS = 10;

/** One purchase unit of a create request, or PayPal's error naming it. */
function purchaseUnit(unit: unknown, index: number, several: boolean): PurchaseUnit | ApiReply {
  const at = `purchase_units[${index}]`;
  if (!isObject(unit)) return invalid('INVALID_PARAMETER_SYNTAX', `${at} must be an object`);
  const amount = unit.amount;
  if (!isObject(amount) || typeof amount.currency_code !== 'string' || typeof amount.value !== 'string') {
    return invalid('MISSING_REQUIRED_PARAMETER', `${at}.amount: currency_code and value are required`);
  }
  if (!SUPPORTED_CURRENCIES.has(amount.currency_code)) return unprocessable('CURRENCY_NOT_SUPPORTED', `${amount.currency_code} is not supported`);
  const minor = minorUnits({ currency_code: amount.currency_code, value: amount.value });
  if (minor === undefined) return unprocessable('DECIMAL_PRECISION', `${amount.value} has more decimals than ${amount.currency_code} allows`);
  if (minor <= 0) return unprocessable('CANNOT_BE_ZERO_OR_NEGATIVE', 'amount must be greater than zero');
  const referenceId = optionalText(unit.reference_id, 256);
  // PayPal names the only unit `default`; several units must each carry their own.
  if (several && !referenceId) return unprocessable('REFERENCE_ID_REQUIRED', `${at}.reference_id is required when there are several purchase units`);
  const customId = optionalText(unit.custom_id, 127);
  const invoiceId = optionalText(unit.invoice_id, 127);
  return {
    referenceId: referenceId ?? 'default',
    payNo: customId ?? invoiceId ?? referenceId ?? '',
    customId,
    invoiceId,
    description: optionalText(unit.description, 127),
    amount: moneyOf(minor, amount.currency_code),
  };
}

function createOrder(state: ApiState, merchant: Merchant, body: Json, now: Date): ApiReply {
  if (body.intent !== 'CAPTURE') return invalid('INVALID_PARAMETER_VALUE', 'intent: the sandbox supports CAPTURE only');
  const sent = body.purchase_units;
  if (!Array.isArray(sent) || sent.length === 0) return invalid('MISSING_REQUIRED_PARAMETER', 'purchase_units: at least one purchase unit is required');
  if (sent.length > MAX_UNITS) return invalid('INVALID_ARRAY_MAX_ITEMS', `purchase_units: at most ${MAX_UNITS} purchase units`);
  const units: PurchaseUnit[] = [];
  for (const [i, unit] of sent.entries()) {
    const read = purchaseUnit(unit, i, sent.length > 1);
    if ('status' in read) return read;
    if (units.some((u) => u.referenceId === read.referenceId)) return unprocessable('DUPLICATE_REFERENCE_ID', `purchase_units[${i}].reference_id ${read.referenceId} repeats another unit's`);
    if (units.length > 0 && read.amount.currency_code !== units[0]!.amount.currency_code) {
      return unprocessable('MULTI_CURRENCY_ORDER', 'Multiple differing values of currency_code are not supported. Entire Order request must have the same currency_code.');
    }
    units.push(read);
  }
  const context = isObject(body.application_context) ? body.application_context : {};
  const at = now.toISOString();
  const order: Order = {
    id: paypalId(),
    clientId: merchant.clientId,
    status: 'CREATED',
    units,
    returnUrl: optionalText(context.return_url, 4000),
    cancelUrl: optionalText(context.cancel_url, 4000),
    createTime: at,
    updateTime: at,
  };
  state.orders.set(order.id, order);
  return { status: 201, body: orderJson(order, merchant, state.base) };
}

function ownOrder(state: ApiState, merchant: Merchant, id: string): Order | undefined {
  const order = state.orders.get(id);
  return order?.clientId === merchant.clientId ? order : undefined;
}

function captureOrder(state: ApiState, merchant: Merchant, id: string, now: Date): ApiReply {
  const order = ownOrder(state, merchant, id);
  if (!order) return notFound();
  if (order.status === 'CREATED') return unprocessable('ORDER_NOT_APPROVED', 'Payer has not yet approved the Order for payment.');
  if (order.status === 'COMPLETED') return unprocessable('ORDER_ALREADY_CAPTURED', 'Order already captured.');
  capture(order, now);
  state.onCaptured(order);
  return { status: 201, body: orderJson(order, merchant, state.base) };
}

function refundCapture(state: ApiState, merchant: Merchant, captureId: string, body: Json, now: Date): ApiReply {
  const order = [...state.orders.values()].find((o) => o.clientId === merchant.clientId && unitOfCapture(o, captureId));
  const captured = order && unitOfCapture(order, captureId)?.capture;
  if (!order || !captured) return notFound();
  const total = minorUnits(captured.amount)!;
  const already = refunded(captured);
  if (already >= total) return unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded');
  let amount = moneyOf(total - already, captured.amount.currency_code);
  if (body.amount !== undefined) {
    if (!isObject(body.amount) || typeof body.amount.value !== 'string' || body.amount.currency_code !== captured.amount.currency_code) {
      return unprocessable('CURRENCY_MISMATCH', 'refund amount must be in the capture currency');
    }
    const minor = minorUnits({ currency_code: captured.amount.currency_code, value: body.amount.value });
    if (minor === undefined) return unprocessable('DECIMAL_PRECISION', `${body.amount.value} has too many decimals`);
    if (minor <= 0) return unprocessable('CANNOT_BE_ZERO_OR_NEGATIVE', 'refund amount must be greater than zero');
    if (minor > total - already) return unprocessable('REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.');
    amount = moneyOf(minor, captured.amount.currency_code);
  }
  const plan = state.refundPlans.take(merchant.clientId);
  const refund: Refund = {
    id: paypalId(),
    // Planned refunds wait (as eCheck-funded or reviewed refunds do); others complete at once.
    status: plan ? 'PENDING' : 'COMPLETED',
    amount,
    invoiceId: optionalText(body.invoice_id, 127),
    customId: optionalText(body.custom_id, 127),
    noteToPayer: optionalText(body.note_to_payer, 255),
    createTime: now.toISOString(),
    captureId,
    plan,
  };
  captured.refunds.push(refund);
  if (refund.status === 'COMPLETED') settleRefund(captured, refund, 'COMPLETED', now);
  state.onRefund(order, refund);
  return { status: 201, body: refundJson(refund, state.base) };
}

const ORDER = /^\/v2\/checkout\/orders\/([^/]+)$/;
const CAPTURE = /^\/v2\/checkout\/orders\/([^/]+)\/capture$/;
const REFUND = /^\/v2\/payments\/captures\/([^/]+)\/refund$/;
const REFUND_DETAILS = /^\/v2\/payments\/refunds\/([^/]+)$/;

/** One authenticated API call; undefined when the path is none of PayPal's. */
export function api(state: ApiState, merchant: Merchant, method: string, path: string, requestId: string | undefined, text: string): ApiReply | undefined {
  const now = new Date();
  if (method === 'GET') {
    const refundId = REFUND_DETAILS.exec(path)?.[1];
    if (refundId) {
      const id = decodeURIComponent(refundId);
      const refund = [...state.orders.values()].filter((o) => o.clientId === merchant.clientId).flatMap((o) => o.units.flatMap((u) => u.capture?.refunds ?? [])).find((r) => r.id === id);
      return refund ? { status: 200, body: refundJson(refund, state.base) } : notFound();
    }
    const id = ORDER.exec(path)?.[1];
    if (!id) return undefined;
    const order = ownOrder(state, merchant, decodeURIComponent(id));
    return order ? { status: 200, body: orderJson(order, merchant, state.base) } : notFound();
  }
  if (method !== 'POST') return undefined;
  const route = path === '/v2/checkout/orders' ? 'create' : CAPTURE.test(path) ? 'capture' : REFUND.test(path) ? 'refund' : undefined;
  if (!route) return undefined;

  const key = requestId ? `${merchant.clientId}\n${path}\n${requestId}` : undefined;
  const kept = key && state.replies.get(key);
  if (kept) return kept;
  let body: unknown = {};
  try {
    if (text.trim() !== '') body = JSON.parse(text);
  } catch {
    return invalid('MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.');
  }
  if (!isObject(body)) return invalid('MALFORMED_REQUEST_JSON', 'The request body must be a JSON object.');
  const reply =
    route === 'create'
      ? createOrder(state, merchant, body, now)
      : route === 'capture'
        ? captureOrder(state, merchant, decodeURIComponent(CAPTURE.exec(path)![1]!), now)
        : refundCapture(state, merchant, decodeURIComponent(REFUND.exec(path)![1]!), body, now);
  // PayPal keeps the reply for the request id (§4.1), failures included.
  if (key) state.replies.set(key, reply);
  return reply;
}
