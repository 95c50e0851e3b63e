/**
 * A local UnionPay ACP 5.1.0 gateway (node:http, PROTOCOLS.md §3) with its own CA, UnionPay's
 * signing certificate (the signPubKeyCert of its messages) and real ACP crypto. UnionPay's paths:
 *   POST /gateway/api/frontTransReq.do   the browser's signed form → the cashier page
 *   POST /gateway/api/appTransReq.do     consume for the app → tn
 *   POST /gateway/api/backTransReq.do    refund (txnType 04)
 *   POST /gateway/api/queryTrans.do      query (txnType 00)
 * Simulator-only hooks (JSON):
 *   POST /sandbox/merchants {"merId"?}   a new merchant with its own signing certificate → {"payeeConfig"}
 *   GET  /sandbox/trades/{orderId}[?merId=]                 the order
 *   POST /sandbox/trades/{orderId}/pay [{"merId"?}]         the buyer pays; UnionPay notifies backUrl
 *   POST /sandbox/trades/{orderId}/notifications {"status": "00", "send"?: true, "merId"?}
 *        → {"body", "headers", "url", "sent"}: the signed notification (send: false only builds it)
 *   GET  /sandbox/trades/{orderId}/deliveries[?merId=]      every notification delivery attempt
 *   POST /sandbox/faults {"mode": "timeout"|"http500"|"badsign", "count": N, "merchant"?: merId}
 *        the next N back-end API calls (of that merchant) fail that way (count 0 clears).
 *   /sandbox/refund-plan, /sandbox/refunds/{orderId}[/notifications]: refunds.ts
 */
import { createPrivateKey, createPublicKey, randomInt } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { notifyTimeScale } from '../delivery.ts';
import { HookError, jsonBody, listen, readBody, send, sendJson } from '../http.ts';
import { cashierHtml, errorHtml } from './cashier.ts';
import { handle, type Endpoint, type GatewayState, type Merchant } from './gateway.ts';
import { Notifier } from './notifier.ts';
import { OrderStore } from './orders.ts';
import { issueMerchant, sandboxPki } from './pki.ts';
import { encodeReply, serialDecimal, signedMessage, type Signer } from './protocol.ts';
import { RefundPlans } from '../refund-plan.ts';
import { REFUND_OUTCOMES, refundOutcomes } from './refunds.ts';
import { tradeHooks } from './trade-hooks.ts';

export interface UnionpaySandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Keep the CA, UnionPay's certificate and the merchants' certificates here (created when absent). */
  keyDir?: string;
  /** Multiplies UnionPay's notify retry intervals (1, 2, 4, 5 min). Default 1/240, or PAYEE_SANDBOX_TIME_SCALE. */
  notifyTimeScale?: number;
}

export interface UnionpaySandbox {
  url: string;
  /** What merchants configure as rootCert / middleCert. */
  rootCertPem: string;
  middleCertPem: string;
  /** For tests that must sign as UnionPay. */
  unionpaySigner: { keyPem: string; certPem: string };
  close(): Promise<void>;
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/gateway/api/frontTransReq.do': 'front',
  '/gateway/api/appTransReq.do': 'app',
  '/gateway/api/backTransReq.do': 'back',
  '/gateway/api/queryTrans.do': 'query',
};
const FAULT_MODES = ['timeout', 'http500', 'badsign'] as const;
type FaultMode = (typeof FAULT_MODES)[number];
const MERCHANTS_DIR = 'unionpay-merchants';

function merchantFrom(merId: string, certPem: string): Merchant {
  return { merId, certId: serialDecimal(certPem), publicKey: createPublicKey(certPem) };
}

/** Merchants registered in an earlier run, so stored pay configs keep working across restarts. */
async function loadMerchants(keyDir: string | undefined, merchants: Map<string, Merchant>): Promise<void> {
  if (!keyDir) return;
  const dir = join(keyDir, MERCHANTS_DIR);
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return;
  }
  for (const file of files.filter((name) => name.endsWith('.cert.pem'))) {
    const merId = file.slice(0, -'.cert.pem'.length);
    merchants.set(merId, merchantFrom(merId, await readFile(join(dir, file), 'utf8')));
  }
}

export async function startUnionpaySandbox(options: UnionpaySandboxOptions = {}): Promise<UnionpaySandbox> {
  const pki = await sandboxPki(options.keyDir);
  const signer: Signer = { key: createPrivateKey(pki.unionpay.keyPem), certPem: pki.unionpay.certPem };
  const state: GatewayState = { merchants: new Map(), orders: new OrderStore(), refundPlans: new RefundPlans(REFUND_OUTCOMES, '00') };
  await loadMerchants(options.keyDir, state.merchants);
  const faults = new Map<string, { mode: FaultMode; remaining: number }>();
  const notifier = new Notifier(notifyTimeScale(options.notifyTimeScale));
  const tradeHook = tradeHooks(state, notifier, signer);
  const refunds = refundOutcomes(state, notifier, signer);
  let baseUrl = '';

  function takeFault(merId: string | undefined): FaultMode | undefined {
    const fault = (merId && faults.get(merId)) || faults.get('*');
    if (!fault || fault.remaining <= 0) return undefined;
    fault.remaining--;
    return fault.mode;
  }

  async function gateway(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const mode = endpoint === 'front' ? undefined : takeFault(params.merId);
    if (mode === 'http500') return send(res, 500, 'text/plain', 'Internal Server Error');
    const now = new Date();
    const result = handle(state, endpoint, params, now);
    if (result.kind === 'cashier') return send(res, 200, 'text/html', cashierHtml(result.order));
    if (result.kind === 'error_page') return send(res, 200, 'text/html', errorHtml(result.respCode, result.respMsg));
    if (result.refund) refunds.onRefund(result.refund.order, result.refund.refund);
    // The request took effect but the answer never comes: the client cannot know the outcome.
    if (mode === 'timeout') return;
    const message = signedMessage(result.fields, signer);
    if (mode === 'badsign') message.signature = `${message.signature!.slice(0, -8)}AAAAAAA=`;
    send(res, 200, 'text/plain', encodeReply(message));
  }

  async function merchantHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await jsonBody(req, {});
    // Test merchant ids are 15 digits, e.g. 777290058110048.
    const merId = body.merId ?? `777${String(randomInt(0, 1e12)).padStart(12, '0')}`;
    if (typeof merId !== 'string' || !/^\d{15}$/.test(merId)) throw new HookError(400, 'merId must be 15 digits');
    if (state.merchants.has(merId)) throw new HookError(409, `merchant ${merId} exists`);
    const issued = await issueMerchant(pki, merId);
    state.merchants.set(merId, merchantFrom(merId, issued.certPem));
    if (options.keyDir) {
      await mkdir(join(options.keyDir, MERCHANTS_DIR), { recursive: true });
      await writeFile(join(options.keyDir, MERCHANTS_DIR, `${merId}.cert.pem`), issued.certPem);
    }
    const api = `${baseUrl}/gateway/api`;
    sendJson(res, 200, {
      payeeConfig: {
        merId,
        signPrivateKey: issued.keyPem,
        signCert: issued.certPem,
        rootCert: pki.root.certPem,
        middleCert: pki.middle.certPem,
        frontTransUrl: `${api}/frontTransReq.do`,
        appTransUrl: `${api}/appTransReq.do`,
        backTransUrl: `${api}/backTransReq.do`,
        queryTransUrl: `${api}/queryTrans.do`,
        validateCnName: true,
      },
    });
  }

  async function faultHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { mode, count, merchant } = await jsonBody(req);
    if (!FAULT_MODES.includes(mode as FaultMode) || !Number.isSafeInteger(count) || (count as number) < 0 || (merchant !== undefined && typeof merchant !== 'string')) {
      throw new HookError(400, `mode: ${FAULT_MODES.join('|')}, count: integer >= 0, merchant?: merId`);
    }
    faults.set((merchant as string | undefined) ?? '*', { mode: mode as FaultMode, remaining: count as number });
    res.writeHead(204).end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const endpoint = ENDPOINTS[url.pathname];
    if (endpoint && req.method === 'POST') return gateway(req, res, endpoint);
    if (await tradeHook(req, res, url)) return;
    if (await refunds.route(req, res, url)) return;
    if (req.method === 'POST' && url.pathname === '/sandbox/merchants') return merchantHook(req, res);
    if (req.method === 'POST' && url.pathname === '/sandbox/faults') return faultHook(req, res);
    send(res, 404, 'text/plain', 'not found');
  }

  const server = await listen({ name: 'unionpay', port: options.port, host: options.host, route });
  baseUrl = server.baseUrl;

  return {
    url: baseUrl,
    rootCertPem: pki.root.certPem,
    middleCertPem: pki.middle.certPem,
    unionpaySigner: { keyPem: pki.unionpay.keyPem, certPem: pki.unionpay.certPem },
    close: async () => {
      refunds.close();
      await notifier.close();
      await server.close();
    },
  };
}
