/** The merchant API: one method per operation, auto-pagination and the waiters. */
import { WaitTimeoutError } from './errors.ts';
import { Transport, type Clock, type PayeeOptions, type RequestOptions } from './http.ts';
import type {
  Account,
  AccountBalance,
  AccountList,
  CreateAccountRequest,
  CreateGroupRequest,
  CreatePaymentRequest,
  CreateRefundRequest,
  DailyReport,
  Flow,
  FlowList,
  GetAccountBalanceParams,
  GetDailyReportParams,
  GetReconciliationParams,
  Group,
  GroupList,
  GroupSummary,
  GroupSyncResult,
  ListAccountFlowsParams,
  ListAccountsParams,
  ListGroupsParams,
  ListPaymentsParams,
  Notification,
  NotificationList,
  Payment,
  PaymentEventList,
  PaymentList,
  ReconciliationList,
  Refund,
  RefundList,
  SyncResult,
} from './models.ts';

export type PaymentStatus = Payment['status'];
export type RefundStatus = Refund['status'];
export type GroupStatus = Group['status'];
/** One line of a payment's `details`: part of its amount moving from accountOut to accountRec. */
export type DetailLine = NonNullable<Payment['details']>[number];
/** One member of a group: its payment as it is now, or why it has none yet. */
export type GroupMember = Group['members'][number];
/** One row of a daily report: a China day and one value of its groupBy. */
export type DailyReportRow = DailyReport['data'][number];
/** One payment of a new group: a payment create's fields; method and payId (batch only) default to the group's. */
export type GroupMemberRequest = CreateGroupRequest['members'][number];

/** Statuses a payment does not leave by itself (a refund may still move a paid one on). */
export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = ['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CLOSED', 'FAILED'];
export const FINAL_REFUND_STATUSES: readonly RefundStatus[] = ['SUCCEEDED', 'FAILED'];

/** Shaped like AWS SDK waiters: poll from minDelayMs, doubling (with jitter) up to maxDelayMs, until maxWaitMs. */
export interface WaitOptions {
  /** The deadline, from the call (default 60 s); then a WaitTimeoutError with the last status seen. */
  maxWaitMs?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
}

const path = (payNo: string, rest = '') => `/v1/payments/${encodeURIComponent(payNo)}${rest}`;
const groupPath = (groupNo: string, rest = '') => `/v1/groups/${encodeURIComponent(groupNo)}${rest}`;
const accountPath = (accountId: string, rest = '') => `/v1/accounts/${encodeURIComponent(accountId)}${rest}`;

/** Every item of page after page `list` reads, following nextCursor. */
async function* allPages<T, P extends object>(list: (params: P & { cursor?: string }) => Promise<{ data: T[]; nextCursor?: string }>, params: P): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await list({ ...params, cursor });
    yield* page.data;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Polls `read` until `done`, with backoff, within the deadline. */
async function poll<T extends Payment | Refund>(clock: Clock, read: () => Promise<T>, done: (x: T) => boolean, options: WaitOptions, first?: T): Promise<T> {
  const { maxWaitMs = 60_000, minDelayMs = 500, maxDelayMs = 5_000 } = options;
  const deadline = clock.now() + maxWaitMs;
  let last = first ?? (await read());
  for (let attempt = 0; !done(last); attempt++) {
    const left = deadline - clock.now();
    if (left <= 0) throw new WaitTimeoutError(`payee: still ${last.status} after ${maxWaitMs} ms`, last);
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
    await clock.sleep(Math.min(delay, left));
    last = await read();
  }
  return last;
}

class Payments {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  create(params: CreatePaymentRequest, options?: RequestOptions): Promise<Payment> {
    return this.http.request('POST', '/v1/payments', { body: params, options });
  }

  get(payNo: string, options?: RequestOptions): Promise<Payment> {
    return this.http.request('GET', path(payNo), { options });
  }

  /** One page, newest first; `nextCursor` is there when more follow. */
  list(params: Omit<ListPaymentsParams, 'outTradeNo'> = {}, options?: RequestOptions): Promise<PaymentList> {
    return this.http.request('GET', '/v1/payments', { query: params, options });
  }

  /** Every payment the parameters select, page after page: `for await (const p of payee.payments.listAll())`. */
  listAll(params: Omit<ListPaymentsParams, 'outTradeNo' | 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<Payment, void, undefined> {
    return allPages((p) => this.list(p, options), params);
  }

  /** The payment for your order number, or null when there is none. */
  async getByOutTradeNo(outTradeNo: string, options?: RequestOptions): Promise<Payment | null> {
    const page: PaymentList = await this.http.request('GET', '/v1/payments', { query: { outTradeNo }, options });
    return page.data[0] ?? null;
  }

  events(payNo: string, options?: RequestOptions): Promise<PaymentEventList> {
    return this.http.request('GET', path(payNo, '/events'), { options });
  }

  /** Closes an unpaid payment: CLOSED, or SUCCEEDED when the buyer paid meanwhile. */
  close(payNo: string, options?: RequestOptions): Promise<Payment> {
    return this.http.request('POST', path(payNo, '/close'), { options });
  }

  /** Asks the provider now; what it says is applied asynchronously (follow with waitFor). */
  sync(payNo: string, options?: RequestOptions): Promise<SyncResult> {
    return this.http.request('POST', path(payNo, '/sync'), { options });
  }

  /** Creates the payment, then follows it until it reaches one of `statuses` (default: any final one). */
  async createAndWait(params: CreatePaymentRequest, wait: WaitOptions & { statuses?: readonly PaymentStatus[] } = {}, options?: RequestOptions): Promise<Payment> {
    const statuses = wait.statuses ?? FINAL_PAYMENT_STATUSES;
    const started = this.http.clock.now();
    const created = await this.create(params, options);
    const maxWaitMs = (wait.maxWaitMs ?? 60_000) - (this.http.clock.now() - started);
    return poll(this.http.clock, () => this.get(created.payNo), (p) => statuses.includes(p.status), { ...wait, maxWaitMs }, created);
  }

  /** Follows a payment until it reaches one of `statuses`. */
  waitFor(payNo: string, statuses: readonly PaymentStatus[], wait: WaitOptions = {}): Promise<Payment> {
    return poll(this.http.clock, () => this.get(payNo), (p) => statuses.includes(p.status), wait);
  }

  /** Refunds, then follows the refund until SUCCEEDED or FAILED. */
  async refundAndWait(payNo: string, params: CreateRefundRequest, wait: WaitOptions = {}, options?: RequestOptions): Promise<Refund> {
    const refunds = new Refunds(this.http);
    const started = this.http.clock.now();
    const created = await refunds.create(payNo, params, options);
    const read = async () => (await refunds.list(payNo)).data.find((r) => r.refundNo === created.refundNo) ?? created;
    const maxWaitMs = (wait.maxWaitMs ?? 60_000) - (this.http.clock.now() - started);
    return poll(this.http.clock, read, (r) => FINAL_REFUND_STATUSES.includes(r.status), { ...wait, maxWaitMs }, created);
  }
}

class Refunds {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  create(payNo: string, params: CreateRefundRequest, options?: RequestOptions): Promise<Refund> {
    return this.http.request('POST', path(payNo, '/refunds'), { body: params, options });
  }

  list(payNo: string, options?: RequestOptions): Promise<RefundList> {
    return this.http.request('GET', path(payNo, '/refunds'), { options });
  }
}

class Notifications {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  /** Every notification of the payment and each attempt to deliver it. */
  list(payNo: string, options?: RequestOptions): Promise<NotificationList> {
    return this.http.request('GET', path(payNo, '/notifications'), { options });
  }

  /** Sends the payment as it is now, as a new notification (409 no_notify_url without one). */
  resend(payNo: string, options?: RequestOptions): Promise<Notification> {
    return this.http.request('POST', path(payNo, '/notifications/resend'), { options });
  }
}

class Reports {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  /** The statement differences of one day (yyyy-mm-dd). */
  reconciliation(params: GetReconciliationParams, options?: RequestOptions): Promise<ReconciliationList> {
    return this.http.request('GET', '/v1/reports/reconciliation', { query: params, options });
  }

  /** Figures per China day (from, to: yyyy-mm-dd, at most 31 days) and channel, method, payId or currency. */
  daily(params: GetDailyReportParams, options?: RequestOptions): Promise<DailyReport> {
    return this.http.request('GET', '/v1/reports/daily', { query: params, options });
  }
}

class Groups {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  /**
   * 1-50 payments in one call: `batch` (each its own payment; a member the provider refused has
   * `error`, and a retry with the same Idempotency-Key completes only the missing ones) or
   * `combined` (one provider order; the group's `action` is what the buyer is shown).
   */
  create(params: CreateGroupRequest, options?: RequestOptions): Promise<Group> {
    return this.http.request('POST', '/v1/groups', { body: params, options });
  }

  /** The group with every member payment as it is now. */
  get(groupNo: string, options?: RequestOptions): Promise<Group> {
    return this.http.request('GET', groupPath(groupNo), { options });
  }

  /** One page of groups (without their members), newest first; `nextCursor` when more follow. */
  list(params: ListGroupsParams = {}, options?: RequestOptions): Promise<GroupList> {
    return this.http.request('GET', '/v1/groups', { query: params, options });
  }

  /** Every group, page after page: `for await (const g of payee.groups.listAll())`. */
  listAll(params: Omit<ListGroupsParams, 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<GroupSummary, void, undefined> {
    return allPages((p) => this.list(p, options), params);
  }

  /** Closes the unpaid members (a combined group: its whole provider order); 409 group_not_closable when none is open. */
  close(groupNo: string, options?: RequestOptions): Promise<Group> {
    return this.http.request('POST', groupPath(groupNo, '/close'), { options });
  }

  /** Asks the providers about every member now; their answers are applied asynchronously. */
  sync(groupNo: string, options?: RequestOptions): Promise<GroupSyncResult> {
    return this.http.request('POST', groupPath(groupNo, '/sync'), { options });
  }
}

class Accounts {
  private readonly http: Transport;

  constructor(http: Transport) {
    this.http = http;
  }

  /** Opens a ledger account (its balances zero); 409 ledger_disabled while the company's ledger is off. */
  create(params: CreateAccountRequest, options?: RequestOptions): Promise<Account> {
    return this.http.request('POST', '/v1/accounts', { body: params, options });
  }

  /** The account and its balances (its shards added up). */
  get(accountId: string, options?: RequestOptions): Promise<Account> {
    return this.http.request('GET', accountPath(accountId), { options });
  }

  /** One page of accounts, newest first. */
  list(params: ListAccountsParams = {}, options?: RequestOptions): Promise<AccountList> {
    return this.http.request('GET', '/v1/accounts', { query: params, options });
  }

  /** Every account, page after page: `for await (const a of payee.accounts.listAll())`. */
  listAll(params: Omit<ListAccountsParams, 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<Account, void, undefined> {
    return allPages((p) => this.list(p, options), params);
  }

  /** One page of the account's flows (its side of each), newest first. */
  flows(accountId: string, params: ListAccountFlowsParams = {}, options?: RequestOptions): Promise<FlowList> {
    return this.http.request('GET', accountPath(accountId, '/flows'), { query: params, options });
  }

  /** Every flow of the account, page after page. */
  allFlows(accountId: string, params: Omit<ListAccountFlowsParams, 'cursor'> = {}, options?: RequestOptions): AsyncGenerator<Flow, void, undefined> {
    return allPages((p) => this.flows(accountId, p, options), params);
  }

  /** The posted balance now, or as it was at `at` (an ISO 8601 time). */
  balance(accountId: string, params: GetAccountBalanceParams = {}, options?: RequestOptions): Promise<AccountBalance> {
    return this.http.request('GET', accountPath(accountId, '/balance'), { query: params, options });
  }
}

export class Payee {
  readonly payments: Payments;
  readonly refunds: Refunds;
  readonly notifications: Notifications;
  readonly reports: Reports;
  readonly groups: Groups;
  readonly accounts: Accounts;
  readonly #http: Transport;

  constructor(options: PayeeOptions) {
    this.#http = new Transport(options);
    this.payments = new Payments(this.#http);
    this.refunds = new Refunds(this.#http);
    this.notifications = new Notifications(this.#http);
    this.reports = new Reports(this.#http);
    this.groups = new Groups(this.#http);
    this.accounts = new Accounts(this.#http);
  }

  /** The OpenAPI 3.1 document the API serves: the contract this SDK follows. */
  openapi(options?: RequestOptions): Promise<Record<string, unknown>> {
    return this.#http.request('GET', '/v1/openapi.json', { options });
  }
}
