/**
 * A local PayPal REST API (api-m.paypal.com, PROTOCOLS.md §4) on node:http, with its own webhook
 * signing certificate and CA. PayPal's own paths:
 *   POST /v1/oauth2/token                       client-credentials token (Basic clientId:secret)
 *   POST /v2/checkout/orders                    create (intent CAPTURE, 1-10 purchase units in one currency), idempotent on PayPal-Request-Id
 *   GET  /v2/checkout/orders/{id}
 *   POST /v2/checkout/orders/{id}/capture       idempotent; one capture per purchase unit, each sent as PAYMENT.CAPTURE.COMPLETED
 *   POST /v2/payments/captures/{id}/refund      idempotent; up to the captured amount; sends PAYMENT.CAPTURE.REFUNDED
 *   GET  /v2/payments/refunds/{id}              the refund (refunds.ts: pending refunds and their hooks)
 *   GET  /v1/notifications/certs/{certId}       the webhook signing certificate, then its CA (PEM)
 *   GET  /sandbox/approve/{orderId}             the `approve` link: the buyer's page; its button POSTs here
 * Simulator hooks:
 *   POST /sandbox/merchants [{"webhookUrl"?}]   a new app → {"payeeConfig", "merchant"}
 *   POST /sandbox/merchants/{clientId}/webhook {"webhookUrl"}   the app's webhook listener, set later
 *   GET  /sandbox/trades/{payNo}                the order (by a purchase unit's custom_id) as JSON
 *   POST /sandbox/trades/{payNo}/pay            the buyer approves the whole order; PayPal sends CHECKOUT.ORDER.APPROVED
 *   POST /sandbox/trades/{payNo}/notifications {"status": "APPROVED"|"COMPLETED", "send"?}
 *        → {eventId, body, headers, url, sent}: one signed transmission, sent unless send is false
 *   GET  /sandbox/trades/{payNo}/deliveries     every webhook transmission and its answer
 *   POST /sandbox/faults {"mode": "timeout"|"http500"|"badsign", "count": N, "merchant"?: clientId}
 *        timeout / http500: the next N API calls (token endpoint included) hang after taking
 *        effect, or fail 500 without effect. PayPal's API replies are not signed (TLS only), so
 *        badsign applies to webhooks: the next N transmissions carry a wrong signature.
 * PayPal has no close for orders (§4.1), so neither has the sandbox.
 */
import { createPrivateKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { notifyTimeScale } from '../delivery.ts';
import { HookError, jsonBody, listen, readBody, send, sendJson } from '../http.ts';
import { api, bearer, issueToken, type ApiReply, type ApiState } from './api.ts';
import { sandboxCerts } from './certs.ts';
import { tradeHooks } from './hooks.ts';
import { newRefundPlans, refundOutcomes } from './refunds.ts';
import { newMerchant, OrderConflict, orderTotal, paypalId } from './orders.ts';
import { WebhookNotifier } from './webhooks.ts';

export interface PayPalSandboxOptions {
  port?: number;
  host?: string;
  /** Keep the webhook certificate chain and signing key here as PEM files (created when absent). */
  keyDir?: string;
  /** Multiplies PayPal's webhook retry intervals. Default 1/240, or PAYEE_SANDBOX_TIME_SCALE; 1 is real time. */
  notifyTimeScale?: number;
}

export interface PayPalSandbox {
  url: string;
  close(): Promise<void>;
}

const FAULT_MODES = ['timeout', 'http500', 'badsign'] as const;
type FaultMode = (typeof FAULT_MODES)[number];

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startPayPalSandbox(options: PayPalSandboxOptions = {}): Promise<PayPalSandbox> {
  const certs = await sandboxCerts(options.keyDir);
  const certPath = `/v1/notifications/certs/CERT-${paypalId(8)}`;
  const faults = new Map<string, { mode: FaultMode; remaining: number }>();

  function takeFault(clientId: string | undefined, modes: readonly FaultMode[]): FaultMode | undefined {
    const fault = (clientId && faults.get(clientId)) || faults.get('*');
    if (!fault || fault.remaining <= 0 || !modes.includes(fault.mode)) return undefined;
    fault.remaining--;
    return fault.mode;
  }

  const state: ApiState = {
    base: '',
    merchants: new Map(),
    tokens: new Map(),
    orders: new Map(),
    replies: new Map(),
    onCaptured: (order) => hooks.captured(order),
    refundPlans: newRefundPlans(),
    onRefund: (order, refund) => refunds.onRefund(order, refund),
  };
  const notifier = new WebhookNotifier(notifyTimeScale(options.notifyTimeScale), {
    key: createPrivateKey(certs.signingKeyPem),
    get certUrl() {
      return state.base + certPath;
    },
    corrupt: (clientId) => takeFault(clientId, ['badsign']) === 'badsign',
  });
  const hooks = tradeHooks(state, notifier);
  const refunds = refundOutcomes(state, notifier);

  /** The client id a call comes from (Basic on the token endpoint, else its bearer token), for per-merchant faults. */
  function callerOf(req: IncomingMessage): string | undefined {
    const auth = req.headers.authorization ?? '';
    if (auth.startsWith('Basic ')) return Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0];
    return bearer(state, auth)?.clientId;
  }

  async function paypalApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const text = await readBody(req);
    const mode = takeFault(callerOf(req), ['timeout', 'http500']);
    if (mode === 'http500') return sendJson(res, 500, { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error occurred.', debug_id: paypalId(12).toLowerCase() });
    let reply: ApiReply | undefined;
    if (path === '/v1/oauth2/token' && req.method === 'POST') reply = issueToken(state, req.headers.authorization, text);
    else {
      const merchant = bearer(state, req.headers.authorization);
      if (!merchant) reply = { status: 401, body: { error: 'invalid_token', error_description: 'Token signature verification failed' } };
      else reply = api(state, merchant, req.method ?? '', path, req.headers['paypal-request-id'] as string | undefined, text);
    }
    if (!reply) return sendJson(res, 404, { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.' });
    // The call took effect but the answer never comes: the client cannot know the outcome.
    if (mode === 'timeout') return;
    sendJson(res, reply.status, reply.body);
  }

  async function merchants(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const { webhookUrl } = await jsonBody(req, {});
    if (webhookUrl !== undefined && (typeof webhookUrl !== 'string' || !URL.canParse(webhookUrl))) throw new HookError(400, 'webhookUrl must be a URL');
    const setting = /^\/sandbox\/merchants\/([^/]+)\/webhook$/.exec(path);
    if (setting) {
      const merchant = state.merchants.get(decodeURIComponent(setting[1]!));
      if (!merchant) throw new HookError(404, 'no such merchant');
      if (webhookUrl === undefined) throw new HookError(400, 'webhookUrl is required');
      merchant.webhookUrl = webhookUrl;
      return sendJson(res, 200, { clientId: merchant.clientId, webhookId: merchant.webhookId, webhookUrl });
    }
    const merchant = newMerchant(webhookUrl);
    state.merchants.set(merchant.clientId, merchant);
    sendJson(res, 200, {
      payeeConfig: { clientId: merchant.clientId, clientSecret: merchant.clientSecret, webhookId: merchant.webhookId, baseUrl: state.base, certHosts: [state.base] },
      merchant: { clientId: merchant.clientId, merchantId: merchant.merchantId, webhookId: merchant.webhookId, webhookUrl: merchant.webhookUrl ?? null },
    });
  }

  async function faultHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { mode, count, merchant } = await jsonBody(req);
    if (!FAULT_MODES.includes(mode as FaultMode) || !Number.isSafeInteger(count) || (count as number) < 0 || (merchant !== undefined && typeof merchant !== 'string')) {
      throw new HookError(400, `mode: ${FAULT_MODES.join('|')}, count: integer >= 0, merchant?: clientId`);
    }
    faults.set((merchant as string | undefined) ?? '*', { mode: mode as FaultMode, remaining: count as number });
    res.writeHead(204).end();
  }

  /** The buyer's page at the approve link; its button approves and returns to the merchant's return_url. */
  async function approvePage(req: IncomingMessage, res: ServerResponse, orderId: string): Promise<void> {
    const order = state.orders.get(orderId);
    if (!order) return send(res, 404, 'text/html', '<p>This order does not exist.</p>');
    if (req.method === 'POST') {
      try {
        hooks.buyerApproves(order);
      } catch (error) {
        if (error instanceof OrderConflict) return send(res, 409, 'text/html', `<p>${escapeHtml(error.message)}</p>`);
        throw error;
      }
      if (order.returnUrl) {
        const back = new URL(order.returnUrl);
        back.searchParams.set('token', order.id);
        back.searchParams.set('PayerID', 'SANDBOXBUYER1');
        return void res.writeHead(303, { location: back.href }).end();
      }
      return send(res, 200, 'text/html', '<p>Approved.</p>');
    }
    send(
      res,
      200,
      'text/html',
      `<!doctype html><title>PayPal sandbox</title><h1>Pay ${escapeHtml(orderTotal(order).value)} ${escapeHtml(orderTotal(order).currency_code)}</h1>` +
        order.units.map((u) => `<p>${escapeHtml(u.description ?? '')} ${escapeHtml(u.amount.value)}</p>`).join('') +
        `<p>Order ${escapeHtml(order.id)}: ${order.status}</p>` +
        (order.status === 'CREATED' ? `<form method="post"><button>Pay with PayPal</button></form>` : ''),
    );
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', state.base);
    const path = url.pathname;
    if (path.startsWith('/v1/oauth2/') || path.startsWith('/v2/')) return paypalApi(req, res, path);
    if (req.method === 'GET' && path === certPath) return send(res, 200, 'application/x-pem-file', certs.chainPem);
    const approve = /^\/sandbox\/approve\/([^/]+)$/.exec(path);
    if (approve && (req.method === 'GET' || req.method === 'POST')) return approvePage(req, res, decodeURIComponent(approve[1]!));
    if (await hooks.route(req, res, url)) return;
    if (await refunds.route(req, res, url)) return;
    if (req.method === 'POST' && /^\/sandbox\/merchants(\/[^/]+\/webhook)?$/.test(path)) return merchants(req, res, path);
    if (req.method === 'POST' && path === '/sandbox/faults') return faultHook(req, res);
    send(res, 404, 'text/plain', 'not found');
  }

  const server = await listen({ name: 'paypal', port: options.port, host: options.host, route });
  state.base = server.baseUrl;

  return {
    url: state.base,
    close: async () => {
      refunds.close();
      await notifier.close();
      await server.close();
    },
  };
}
