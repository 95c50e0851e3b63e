/**
 * The members of one combined group meet here. Each member's payment create stores its payment
 * and arrives at the gate instead of calling its provider; once every member has arrived (or
 * finished without needing the provider: a replay of a member created by an earlier attempt), one
 * provider call creates the combined order for all of them, and its outcome (one action for the
 * buyer, or the refusal) answers every arrival, which the payment create then records as for any
 * payment. If a member could not be stored (its outTradeNo is another payment's), nothing is sent.
 */
import type { CreateOutcome } from '../channels/channel.ts';
import { ProviderUnavailable } from '../domain/errors.ts';
import type { GroupMemberItem } from '../domain/group.ts';
import type { Payment } from '../domain/payment.ts';
import type { ProviderHttp } from '../http/provider-http.ts';
import { channelCallFor } from '../payments/pay-config.ts';
import type { ConfigStore } from '../store/config-store.ts';
import type { GroupStore } from '../store/group-store.ts';

export type CreateAtProvider = (payment: Payment) => Promise<CreateOutcome>;

interface GateDeps {
  configs: ConfigStore;
  groups: GroupStore;
  http: ProviderHttp;
  providerTimeoutMs: number;
  now: () => Date;
}

export function combinedGate(deps: GateDeps, stored: { group: { groupNo: string }; members: GroupMemberItem[] }, publicBaseUrl: string) {
  const { groupNo } = stored.group;
  const arrived = new Map<string, Payment>();
  let finished = 0;
  let open!: () => void;
  const allThere = new Promise<void>((resolve) => (open = resolve));
  const check = () => {
    if (arrived.size + finished === stored.members.length) open();
  };
  let outcome: Promise<CreateOutcome> | undefined;
  const gate = {
    /** The error of the first member that could not be stored, when one could not. */
    failure: undefined as unknown,
    async run(m: GroupMemberItem, create: (atProvider: CreateAtProvider) => Promise<unknown>): Promise<unknown> {
      let came = false;
      try {
        return await create(async (payment) => {
          came = true;
          arrived.set(payment.payNo, payment);
          check();
          await allThere;
          // Unavailable, so that the member's key is given back and a retry of the group resumes it.
          if (gate.failure !== undefined) throw new ProviderUnavailable(`not sent: another member of combined group ${groupNo} could not be created`);
          return (outcome ??= createAtProvider());
        });
      } catch (err) {
        if (!came) gate.failure ??= err;
        throw err;
      } finally {
        if (!came) {
          finished++;
          check();
        }
      }
    },
  };

  async function createAtProvider(): Promise<CreateOutcome> {
    const payments = [...arrived.values()];
    const first = payments[0]!;
    const { channel, config } = await channelCallFor(deps.configs, first);
    const outcome = await channel.combined!.create(
      { config, http: deps.http, timeoutMs: deps.providerTimeoutMs, now: deps.now },
      {
        groupNo,
        method: first.method,
        members: stored.members.map((m) => ({ payNo: m.payNo, subject: m.body.subject, amount: m.body.amount, currency: m.body.currency })),
        expiresAt: new Date(Math.min(...payments.map((p) => Date.parse(p.expiresAt)))),
        callbackUrl: `${publicBaseUrl}/callbacks/${channel.name}/${first.payId}`,
        returnUrl: first.returnUrl,
        payer: first.payer,
      },
    );
    if (outcome.outcome === 'created') await deps.groups.update(groupNo, { action: outcome.action, updatedAt: deps.now().toISOString() });
    return outcome;
  }

  return gate;
}
