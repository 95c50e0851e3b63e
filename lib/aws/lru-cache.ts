/**
 * Bundled in place of `mnemonist/lru-cache` (an esbuild alias set by the PayeeFunction construct).
 * Its only user is the SDK's endpoint-discovery cache, which DynamoDB and SQS never fill (payee
 * does not turn endpoint discovery on); mnemonist and its iterator helpers would be 7 KB of every
 * cold start. A Map keeps insertion order, which is all an LRU needs.
 */
export default class LRUCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key)!;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value, without touching its recency. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.entries.clear();
  }
}
