/** `task` over each item, at most `width` at once, results in the items' order: bench/pool.ts over a list. */
import { pool } from '../../bench/pool.ts';

export const eachInPool = <T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> =>
  pool(items.length, width, (i) => task(items[i]!));
