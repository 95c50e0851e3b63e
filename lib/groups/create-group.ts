/**
 * POST /v1/groups (issue 13): every member is checked (its create body, currency and pay config)
 * before anything is stored; then one transaction stores the group, its members (each with the
 * payNo it will have) and the Idempotency-Key; then each member is created through the payment
 * create (lib/payments/create-payment.ts) under a key of its own (`<groupNo>/<index>`), so a retry
 * of the group with its key completes the members still missing and replays the others: nothing is
 * created twice. batch: members go to their providers one by one and one's refusal leaves the
 * others be. combined: every member is stored first, then one provider call pays them all
 * (combined-create.ts).
 */
import type { CreatePaymentBody } from '../api/create-payment-schema.ts';
import { createPaymentBody } from '../api/create-payment-schema.ts';
import { groupMember, type CreateGroupBody, type GroupResource } from '../api/group-schema.ts';
import { loadChannelFor } from '../channels/registry.ts';
import { IdempotencyError, InvalidRequest, PayeeError } from '../domain/errors.ts';
import type { Group, GroupClaim, GroupMemberItem } from '../domain/group.ts';
import { newGroupNo, payNoOf } from '../domain/ids.ts';
import { parseWith } from '../http/validation.ts';
import { createPayment, type CreatePaymentDeps } from '../payments/create-payment.ts';
import { payIdOfScene, resolvePayConfig } from '../payments/pay-config.ts';
import { requestHash } from '../payments/request-hash.ts';
import type { GroupStore } from '../store/group-store.ts';
import { combinedGate, type CreateAtProvider } from './combined-create.ts';
import { loadGroup, toGroupResource } from './read-group.ts';
import { settleGroup } from './settle-group.ts';

export interface CreateGroupDeps extends CreatePaymentDeps {
  groups: GroupStore;
}

export interface CreateGroupInput {
  companyId: string;
  companyPath: string[];
  body: CreateGroupBody;
  idempotencyKey?: string;
  publicBaseUrl: string;
}

/** Members' provider calls at once, at most: a group of 50 takes a few rounds, not 50 in a row. */
const CONCURRENCY = 5;

export async function createGroup(deps: CreateGroupDeps, input: CreateGroupInput): Promise<{ group: GroupResource; replayed: boolean }> {
  const { body, companyId } = input;
  const bodies = body.members.map((_, i) => memberBody(body, i));
  await checkMembers(deps, companyId, body, bodies);

  const at = deps.now().toISOString();
  const groupNo = newGroupNo();
  const group: Group = {
    groupNo,
    companyId,
    companyPath: input.companyPath,
    mode: body.mode,
    method: body.method,
    notifyUrl: body.notifyUrl,
    metadata: body.metadata,
    memberCount: bodies.length,
    status: 'open',
    createdAt: at,
    updatedAt: at,
  };
  const members: GroupMemberItem[] = bodies.map((b, index) => ({ groupNo, payNo: payNoOf(companyId, b.outTradeNo), index, outTradeNo: b.outTradeNo, body: b }));
  const claim: GroupClaim | undefined = input.idempotencyKey ? { companyId, key: input.idempotencyKey, bodyHash: requestHash(body), groupNo } : undefined;

  let stored = { group, members };
  const inserted = await deps.groups.insert(group, members, claim);
  if (!inserted.ok) {
    if (inserted.claim.bodyHash !== claim!.bodyHash) {
      throw new IdempotencyError('idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
    }
    const first = await deps.groups.get(inserted.claim.groupNo);
    if (!first) throw new IdempotencyError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry shortly');
    stored = first;
  }

  const create = (m: GroupMemberItem, createAtProvider?: CreateAtProvider) =>
    createPayment(deps, {
      companyId,
      companyPath: input.companyPath,
      body: m.body,
      idempotencyKey: `${m.groupNo}/${m.index}`,
      publicBaseUrl: input.publicBaseUrl,
      member: { groupNo: m.groupNo, createAtProvider },
    });
  const errors = new Map<string, { code: string; message: string }>();
  const attempt = async (m: GroupMemberItem, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof PayeeError)) throw err;
      errors.set(m.payNo, { code: err.code, message: err.message });
      return err;
    }
    return undefined;
  };

  if (stored.group.mode === 'batch') {
    await inTurns(stored.members, (m) => attempt(m, () => create(m)));
  } else {
    const gate = combinedGate(deps, stored, input.publicBaseUrl);
    const failures = await Promise.all(stored.members.map((m) => attempt(m, () => gate.run(m, (provider) => create(m, provider)))));
    // One buyer step for all or none: a member that could not be stored fails the group's create
    // (its error names it); a provider's silence fails it too, and a retry with the key resumes.
    if (gate.failure !== undefined) throw withParam(gate.failure, `members.${failures.indexOf(gate.failure as PayeeError)}`);
    const unavailable = failures.find((f) => f !== undefined);
    if (unavailable) throw unavailable;
  }

  await settleGroup(deps, stored.group.groupNo);
  const loaded = (await loadGroup(deps, stored.group.groupNo))!;
  return { group: toGroupResource(loaded, errors), replayed: !inserted.ok };
}

/** The payment create a member stands for: its own fields, and the group's where it has none. */
function memberBody(body: CreateGroupBody, index: number): CreatePaymentBody {
  const m = body.members[index]!;
  const payId = m.payId ?? body.payId;
  const composed = {
    method: m.method ?? body.method,
    outTradeNo: m.outTradeNo,
    subject: m.subject,
    amount: m.amount,
    orderAmount: m.orderAmount,
    currency: m.currency,
    notifyUrl: body.notifyUrl,
    returnUrl: body.returnUrl,
    expiresIn: body.expiresIn,
    payer: body.payer,
    payId,
    scene: payId === undefined ? body.scene : undefined,
    metadata: m.metadata,
    details: m.details,
  };
  const defined = Object.fromEntries(Object.entries(composed).filter(([, v]) => v !== undefined));
  try {
    return parseWith(createPaymentBody, defined);
  } catch (err) {
    throw withParam(err, `members.${index}`);
  }
}

/** Each member's channel takes its currency and its pay config resolves: still nothing stored. */
async function checkMembers(deps: CreateGroupDeps, companyId: string, body: CreateGroupBody, bodies: CreatePaymentBody[]): Promise<void> {
  const resolved = new Map<string, Promise<unknown>>();
  for (const [i, b] of bodies.entries()) {
    const channel = (await loadChannelFor(b.method))!;
    if (!channel.currencies.includes(b.currency)) {
      throw new InvalidRequest('currency_not_supported', `${b.method} takes ${channel.currencies.join(', ')}, not ${b.currency}`, `members.${i}.currency`);
    }
    if (body.mode === 'combined' && !channel.combined) {
      throw new InvalidRequest('combined_not_supported', `${b.method} cannot pay a combined group`, 'method');
    }
    const key = `${b.method}|${b.payId ?? ''}|${b.scene ?? ''}`;
    if (!resolved.has(key)) {
      resolved.set(key, (async () => {
        const payId = b.scene !== undefined ? await payIdOfScene(deps.scenes, companyId, b.scene, b.method) : b.payId;
        await resolvePayConfig(deps.configs, companyId, channel, payId, b.scene !== undefined ? 'scene' : 'payId');
      })());
    }
    try {
      await resolved.get(key);
    } catch (err) {
      // A payId the member gave is the member's fault; the group's payId or scene is the group's.
      throw body.members[i]!.payId !== undefined ? withParam(err, `members.${i}`) : err;
    }
  }
}

/** The same error with its param under `prefix` (members.3 + outTradeNo → members.3.outTradeNo) when it names a member field. */
function withParam(err: unknown, prefix: string): unknown {
  if (!(err instanceof PayeeError) || !err.param) return err;
  const field = err.param.split('.')[0]!;
  if (!(field in groupMember.shape)) return err;
  const moved = Object.assign(Object.create(Object.getPrototypeOf(err)), err, { param: `${prefix}.${err.param}` });
  moved.message = err.message;
  return moved;
}

async function inTurns<T>(items: T[], run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
