import { expect, it } from 'vitest';
import LRUCache from './lru-cache.ts';

it('evicts the least recently used entry beyond its capacity; peek does not refresh', () => {
  const cache = new LRUCache<string, number>(2);
  cache.set('a', 1).set('b', 2);
  expect(cache.get('a')).toBe(1); // b is now the least recent
  cache.set('c', 3);
  expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
  expect(cache.peek('a')).toBe(1); // a stays the least recent
  cache.set('d', 4);
  expect([cache.has('a'), cache.has('c'), cache.has('d')]).toEqual([false, true, true]);
  expect(cache.size).toBe(2);
  cache.clear();
  expect(cache.size).toBe(0);
});
