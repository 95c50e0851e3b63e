/**
 * At create: whether the company's ledger posts the payment's detail lines, with every line's
 * accounts checked first (the company's own, in the payment's currency), so that a bad line is a
 * 400 naming it and nothing is stored. An internal channel (balance.transfer) moves money only
 * between ledger accounts, so it needs the ledger and lines.
 */
import type { DetailLine } from '../api/details-schema.ts';
import { Conflict, InvalidRequest } from '../domain/errors.ts';
import { getAccounts, ledgerEnabled } from './ledger-store.ts';

/** Balance items and flow sides a ledger line may touch stay within one transaction's 100 items. */
export const MAX_LEDGER_LINES = 16;

export async function ledgerPostsDetails(
  companyId: string,
  input: { details?: DetailLine[]; currency: string; method: string; internal: boolean },
): Promise<boolean> {
  const { details, internal } = input;
  if (!details) {
    if (internal) throw new InvalidRequest('parameter_missing', `details is required for ${input.method}: its lines name the accounts`, 'details');
    return false;
  }
  if (!(await ledgerEnabled(companyId))) {
    if (internal) throw new Conflict('ledger_disabled', `${input.method} needs the company's ledger, which is not switched on`, 'method');
    return false;
  }
  if (details.length > MAX_LEDGER_LINES) {
    throw new InvalidRequest('parameter_invalid', `details: at most ${MAX_LEDGER_LINES} lines when the ledger posts them`, 'details');
  }
  const accounts = await getAccounts(details.flatMap((l) => [l.accountOut, l.accountRec]));
  details.forEach((line, i) => {
    for (const field of ['accountOut', 'accountRec'] as const) {
      const account = accounts.get(line[field]);
      const param = `details.${i}.${field}`;
      // Another company's account is reported exactly like a missing one.
      if (!account || account.companyId !== companyId) throw new InvalidRequest('account_not_found', `No ledger account ${line[field]}`, param);
      if (account.currency !== input.currency) {
        throw new InvalidRequest('currency_mismatch', `Account ${line[field]} holds ${account.currency}, not ${input.currency}`, param);
      }
    }
  });
  return true;
}
