/**
 * Caches for parsed keys and certificates, keyed by their text: a warm Lambda signs and verifies
 * with the same few merchants' keys over and over, and parsing a key costs more than signing.
 * Each channel keeps its own cache (and its own parsing rules): the same text may be a valid key
 * to one channel and not to another.
 */
import type { KeyObject } from 'node:crypto';

/**
 * A bounded cache: `cached(cacheKey, parse)` returns the entry, parsing it on a miss. A parse that
 * throws caches nothing. When full, the oldest entry is evicted (Map iterates in insertion order).
 */
export function parsedCache<T>(limit: number): <V extends T>(cacheKey: string, parse: () => V) => V {
  const cache = new Map<string, T>();
  return <V extends T>(cacheKey: string, parse: () => V): V => {
    let value = cache.get(cacheKey) as V | undefined;
    if (!value) {
      value = parse();
      if (cache.size >= limit) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, value);
    }
    return value;
  };
}

/** The key itself if it is an RSA key; a TypeError otherwise. */
export function rsaKey(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') throw new TypeError(`expected an RSA key, got ${key.asymmetricKeyType}`);
  return key;
}

/** A bounded cache of RSA KeyObjects: `cached(cacheKey, parse)`, where a parsed non-RSA key throws. */
export function rsaKeyCache(limit: number): (cacheKey: string, parse: () => KeyObject) => KeyObject {
  const cached = parsedCache<KeyObject>(limit);
  return (cacheKey, parse) => cached(cacheKey, () => rsaKey(parse()));
}
