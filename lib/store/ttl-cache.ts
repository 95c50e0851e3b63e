/**
 * A per-container cache whose entries expire: for data that changes rarely and is read on every
 * request (configs, API keys). Concurrent misses for one key share one load.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { until: number; value: Promise<V> }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 1000) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { until: now + this.ttlMs, value });
    // A failed load is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
