/**
 * POST /v1/groups/{groupNo}/close and /sync. batch: each open member is closed (or asked about) at
 * its provider as a single payment is (lib/payments/payment-lifecycle.ts), one's failure leaving
 * the others be. combined: the provider closes the whole combined order (it takes no part of it),
 * then says what each member is, so a member the buyer paid meanwhile ends SUCCEEDED, never CLOSED.
 * Facts found while closing are applied at once; a sync's go through the status worker.
 */
import type { ChannelCall } from '../channels/channel.ts';
import type { GroupResource, GroupSyncResponse } from '../api/group-schema.ts';
import { applyPaymentEvent } from '../callbacks/apply-event.ts';
import { Conflict, PayeeError } from '../domain/errors.ts';
import { isOpen, type Payment } from '../domain/payment.ts';
import type { EventQueue } from '../queue/event-queue.ts';
import type { GroupStore } from '../store/group-store.ts';
import { channelCallFor } from '../payments/pay-config.ts';
import { closedEvent, closeOpenPayment, eventOf, queryProvider, syncEventId, type LifecycleDeps } from '../payments/payment-lifecycle.ts';
import { groupOfCompany, loadGroup, toGroupResource, type LoadedGroup } from './read-group.ts';
import { settleGroup } from './settle-group.ts';
import { providerRefOf } from '../payments/provider-ref.ts';

export type GroupLifecycleDeps = LifecycleDeps & { groups: GroupStore };
type MemberError = { code: string; message: string };

const membersOf = (loaded: LoadedGroup): Payment[] => loaded.members.flatMap((m) => loaded.payments.get(m.payNo) ?? []);

async function combinedCall(deps: GroupLifecycleDeps, payment: Payment) {
  const { channel, config } = await channelCallFor(deps.configs, payment);
  const call: ChannelCall<unknown> = { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now };
  return { combined: channel.combined!, call };
}

/** The member's error (a PayeeError) kept for the reply; anything else is a fault and propagates. */
async function each(payments: Payment[], errors: Map<string, MemberError>, run: (p: Payment) => Promise<unknown>): Promise<void> {
  for (const p of payments) {
    try {
      await run(p);
    } catch (err) {
      if (!(err instanceof PayeeError)) throw err;
      errors.set(p.payNo, { code: err.code, message: err.message });
    }
  }
}

export async function closeGroup(deps: GroupLifecycleDeps, companyId: string, groupNo: string): Promise<GroupResource> {
  const loaded = await groupOfCompany(deps, companyId, groupNo);
  const open = membersOf(loaded).filter((p) => isOpen(p.status));
  if (open.length === 0) throw new Conflict('group_not_closable', `Group ${groupNo} has no CREATED or PENDING member to close`);
  const errors = new Map<string, MemberError>();
  if (loaded.group.mode === 'batch') {
    await each(open, errors, (p) => closeOpenPayment(deps, p, 'merchant'));
  } else {
    const { combined, call } = await combinedCall(deps, open[0]!);
    const group = { groupNo, members: membersOf(loaded).map(providerRefOf) };
    const answer = await combined.close(call, group);
    if (answer.outcome === 'refused') throw new Conflict('provider_refused', `The provider refused to close group ${groupNo}: ${answer.code} ${answer.message}`.trim());
    const facts = await combined.query(call, group);
    await each(open, errors, async (p) => {
      const fact = facts.get(p.payNo);
      const paid = fact?.status === 'SUCCEEDED' || fact?.status === 'REFUNDED';
      const event = paid ? eventOf(p, { ...fact, status: 'SUCCEEDED' }, `close-paid-${p.payNo}`) : closedEvent(p, 'merchant');
      await applyPaymentEvent(deps.payments, event, deps.now);
    });
  }
  await settleGroup(deps, groupNo);
  return toGroupResource((await loadGroup(deps, groupNo))!, errors);
}

export async function syncGroup(deps: GroupLifecycleDeps & { queue: EventQueue }, companyId: string, groupNo: string): Promise<GroupSyncResponse> {
  const loaded = await groupOfCompany(deps, companyId, groupNo);
  const payments = membersOf(loaded);
  const results = new Map<string, GroupSyncResponse['members'][number]>();
  const errors = new Map<string, MemberError>();
  if (loaded.group.mode === 'batch' || payments.length === 0) {
    await each(payments, errors, async (p) => {
      const { fact, eventId } = await queryProvider(deps, p);
      results.set(p.payNo, { payNo: p.payNo, provider: fact.status, ...(eventId ? { eventId } : {}) });
    });
  } else {
    const { combined, call } = await combinedCall(deps, payments[0]!);
    const facts = await combined.query(call, { groupNo, members: payments.map(providerRefOf) });
    await each(payments, errors, async (p) => {
      const fact = facts.get(p.payNo) ?? { status: 'NOT_FOUND' as const };
      let eventId: string | undefined;
      if (fact.status === 'SUCCEEDED' || fact.status === 'CLOSED' || fact.status === 'REFUNDED') {
        const event = eventOf(p, { ...fact, status: fact.status }, syncEventId(p.payNo, fact.providerStatus ?? fact.status, fact.providerTradeNo));
        await deps.queue.send(event);
        eventId = event.eventId;
      }
      results.set(p.payNo, { payNo: p.payNo, provider: fact.status, ...(eventId ? { eventId } : {}) });
    });
  }
  return {
    group: toGroupResource(loaded),
    members: loaded.members.map((m) => results.get(m.payNo) ?? { payNo: m.payNo, ...(errors.has(m.payNo) ? { error: errors.get(m.payNo) } : {}) }),
  };
}
