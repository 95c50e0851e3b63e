/**
 * Detail lines (seed table od_detail, issue 13): what a payment moves, line by line, out of one
 * account into another. Shared by payment creates and group members; the lines must add up to the
 * amount they describe.
 */
import * as z from 'zod/mini';
import { minorUnits, text } from './common-schemas.ts';

export const MAX_DETAIL_LINES = 20;

/** An account reference: a ledger account id (`A…`) when the company keeps a ledger, else the merchant's own account code. */
export const accountRef = (description: string) =>
  z.string().check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9_\-.:]+$/, { message: 'may hold letters, digits and _ - . : only' }),
    z.describe(description),
  );

export const detailLine = z
  .strictObject({
    accountOut: accountRef('The account the amount moves out of (debited in the ledger)'),
    accountRec: accountRef('The account the amount moves into (credited in the ledger)'),
    amount: minorUnits('Minor units this line moves'),
    memo: z.optional(text(256, 'Free text kept with the line')),
  })
  .check(z.refine((l) => l.accountOut !== l.accountRec, { message: 'must differ from accountOut', path: ['accountRec'] }));
export type DetailLine = z.output<typeof detailLine>;

export const detailLines = z
  .array(detailLine)
  .check(
    z.minLength(1),
    z.maxLength(MAX_DETAIL_LINES),
    z.describe(`1-${MAX_DETAIL_LINES} lines, each moving part of the amount from accountOut to accountRec; their amounts add up to the amount`),
  );

/** Why the lines do not add up to `amount`, or undefined when they do (or there are none). */
export function detailsSumProblem(details: DetailLine[] | undefined, amount: number): string | undefined {
  if (details === undefined) return undefined;
  const sum = details.reduce((s, l) => s + l.amount, 0);
  return sum === amount ? undefined : `lines add up to ${sum}, not the amount ${amount}`;
}
