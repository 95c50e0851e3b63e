/**
 * The view of a pay config that any API may return: secret fields replaced by `{ hasValue: true }`.
 * Not a mask such as "••••" + the last 4 characters: the end of a PEM key is its "-----END" line,
 * which says nothing, and 4 characters of a 32-character APIv3 key are 4 characters of the key.
 * A form needs only to know that the secret is set (and keep it unless a new one is typed).
 */
import { isSealedSecret } from '../crypto/envelope.ts';

export const SECRET_SET = Object.freeze({ hasValue: true as const });

/** `config` with its secret fields (named, or still sealed as stored) replaced by SECRET_SET. */
export function redactConfig(config: Readonly<Record<string, unknown>>, secretFields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([field, value]) => [field, secretFields.includes(field) || isSealedSecret(value) ? SECRET_SET : value]),
  );
}

/** A pay config (clear or as stored) for API output: secrets redacted, the wrapped data key dropped. */
export function redactPayConfig<T extends { config: unknown; dataKey?: unknown }>(
  payConfig: T,
  secretFields: readonly string[],
): Omit<T, 'dataKey'> & { config: Record<string, unknown> } {
  const { dataKey: _dropped, ...rest } = payConfig;
  return { ...rest, config: redactConfig((payConfig.config ?? {}) as Record<string, unknown>, secretFields) };
}
