/** Reading payments: a company sees its own and its descendants' (visibility.ts); another's is reported as missing. */
import type { ListPaymentsQuery } from '../api/list-payments-schema.ts';
import { limitOf } from '../api/page-schema.ts';
import type { PaymentList, PaymentResource } from '../api/payment-schema.ts';
import type { PaymentEventResource } from '../api/payment-event-schema.ts';
import { InvalidRequest } from '../domain/errors.ts';
import type { PaymentStore } from '../store/payment-store.ts';
import { toEventResource } from './event-resource.ts';
import { toResource } from './payment-resource.ts';
import { paymentOfCompany } from './visibility.ts';

/**
 * The longest creation-time range one list serves (and the default range): payments are indexed
 * by month, so a page costs at most one query per month of the range, never more.
 */
export const MAX_LIST_RANGE_DAYS = 366;
const MAX_RANGE_MS = MAX_LIST_RANGE_DAYS * 24 * 3600 * 1000;

export async function getPayment(store: PaymentStore, companyId: string, payNo: string): Promise<PaymentResource> {
  return toResource(await paymentOfCompany(store, companyId, payNo));
}

export async function listPaymentEvents(store: PaymentStore, companyId: string, payNo: string): Promise<{ data: PaymentEventResource[] }> {
  await getPayment(store, companyId, payNo);
  const events = await store.listEvents(payNo);
  return { data: events.map(toEventResource) };
}


export async function listPayments(
  store: PaymentStore,
  companyId: string,
  query: ListPaymentsQuery,
  now: Date,
): Promise<PaymentList> {
  if (query.outTradeNo !== undefined) {
    for (const other of ['cursor', 'createdFrom', 'createdTo'] as const) {
      if (query[other] !== undefined) {
        throw new InvalidRequest('parameter_conflict', `outTradeNo cannot be combined with ${other}`, other);
      }
    }
    const payment = await store.getByOutTradeNo(companyId, query.outTradeNo);
    return { data: payment ? [toResource(payment)] : [] };
  }
  const to = query.createdTo ? new Date(query.createdTo) : now;
  const from = query.createdFrom ? new Date(query.createdFrom) : new Date(to.getTime() - MAX_RANGE_MS);
  if (from >= to) throw new InvalidRequest('parameter_invalid', 'createdFrom must be before createdTo', 'createdFrom');
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    throw new InvalidRequest(
      'parameter_invalid',
      `createdFrom must be at most ${MAX_LIST_RANGE_DAYS} days before createdTo (or now); list a longer period in several calls`,
      'createdFrom',
    );
  }
  const limit = limitOf(query.limit);
  const page = await store.listByCreatedAt(companyId, { from, to }, { limit, cursor: query.cursor });
  return { data: page.payments.map(toResource), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
