/** The page parameters every list takes (payments, groups, accounts, flows), one schema for all. */
import * as z from 'zod/mini';
import { text } from './common-schemas.ts';

export const LIST_LIMIT = { max: 100, default: 20 } as const;

const limitMessage = `must be an integer from 1 to ${LIST_LIMIT.max}`;

/** `limit` and `cursor`, to spread into a list's query schema. */
export const pageQuery = {
  limit: z.optional(
    z
      .string()
      .check(
        z.regex(/^\d{1,3}$/, { message: limitMessage }),
        z.refine((s) => Number(s) >= 1 && Number(s) <= LIST_LIMIT.max, { message: limitMessage }),
        z.describe(`Page size, 1-${LIST_LIMIT.max}, default ${LIST_LIMIT.default}`),
      ),
  ),
  cursor: z.optional(text(512, 'The nextCursor of the previous page')),
};

/** The page size a checked `limit` asks for. */
export const limitOf = (limit?: string) => (limit === undefined ? LIST_LIMIT.default : Number(limit));
