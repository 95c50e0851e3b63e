/**
 * balance.transfer (issue 13): money moved between two of the company's ledger accounts, behind
 * the same interface as the providers. There is no provider: the create's ledger hold (checked
 * against accountOut's overdraft rule, in the payment's insert transaction) is the whole of the
 * "provider call", so create answers paid at once, and the status worker's success transaction
 * posts the flows and notifies the merchant as for any payment. Asked later (the reconciler, a
 * sync), it answers what create did: paid. A transfer is undone by a transfer back, not a refund.
 */
import * as z from 'zod/mini';
import type { Channel, ProviderReply } from '../channel.ts';
import { BALANCE_METHODS } from './methods.ts';

const noCallbacks: ProviderReply = { statusCode: 404, contentType: 'text/plain', body: 'balance.transfer takes no callbacks' };

export const balance: Channel<Record<string, never>> = {
  name: 'balance',
  methods: BALANCE_METHODS,
  currencies: Intl.supportedValuesOf('currency'),
  internal: true,
  configSchema: z.strictObject({}),
  secretFields: [],
  async create(_call, request) {
    return { outcome: 'paid', providerTradeNo: request.payNo };
  },
  async query(_call, payment) {
    return { status: 'SUCCEEDED', providerTradeNo: payment.payNo, providerStatus: 'SETTLED' };
  },
  async close(_call, payment) {
    return { outcome: 'paid', payment: { status: 'SUCCEEDED', providerTradeNo: payment.payNo, providerStatus: 'SETTLED' } };
  },
  async refund() {
    return { outcome: 'refused', code: 'transfer_not_refundable', message: 'a balance.transfer is undone by a transfer back' };
  },
  async queryRefund() {
    return { status: 'NOT_FOUND' };
  },
  async verifyCallback() {
    return { ok: false, reason: 'unsupported', detail: 'balance.transfer takes no callbacks' };
  },
  callbackReplies: { accepted: noCallbacks, rejected: noCallbacks, retryLater: noCallbacks },
};
