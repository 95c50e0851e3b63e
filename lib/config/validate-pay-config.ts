/**
 * A pay config is validated against its template's schema when written (ARCHITECTURE.md §3):
 * a missing or wrong-typed field is a 400 whose `param` names it (`config.privateKey`), and nothing
 * is stored. What passes is what the channel will parse, with its defaults filled in.
 */
import * as z from 'zod/mini';
import { InvalidRequest } from '../domain/errors.ts';
import { parseWith } from '../http/validation.ts';
import { modeOf, PAY_CONFIG_MODES, templateOf } from './templates.ts';

export interface PayConfigInput {
  payId: string;
  companyId: string;
  channel: string;
  status?: 'ACTIVE' | 'DISABLED';
  /** The channel's config; its `mode` field names the template (absent: direct). */
  config: unknown;
}

declare const validated: unique symbol;

/** A config that passed its template: the only thing the store's write path accepts. */
export type ValidatedPayConfig = Omit<PayConfigInput, 'config' | 'status'> & {
  status: 'ACTIVE' | 'DISABLED';
  mode: string;
  config: Record<string, unknown>;
  secretFields: readonly string[];
  readonly [validated]: true;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validatePayConfig(input: PayConfigInput): ValidatedPayConfig {
  const modes = PAY_CONFIG_MODES.filter((m) => m.channel === input.channel);
  if (modes.length === 0) {
    throw new InvalidRequest('parameter_invalid', `channel must be one of ${[...new Set(PAY_CONFIG_MODES.map((m) => m.channel))].join(', ')}`, 'channel');
  }
  if (!isObject(input.config)) {
    throw input.config === undefined
      ? new InvalidRequest('parameter_missing', 'config is required', 'config')
      : new InvalidRequest('parameter_invalid', 'config must be an object', 'config');
  }
  const mode = input.config.mode ?? 'direct';
  const definition = typeof mode === 'string' ? modeOf(input.channel, mode) : undefined;
  if (!definition) {
    throw new InvalidRequest('parameter_invalid', `config.mode must be one of ${modes.map((m) => m.mode).join(', ')} for ${input.channel}`, 'config.mode');
  }
  // A field the template does not know is refused, not dropped: an ISV's appAuthToken sent without
  // `mode: "isv"` must not become a direct config silently.
  const known = templateOf(definition).schema.properties as Record<string, unknown>;
  const unknown = Object.keys(input.config).find((field) => !(field in known));
  if (unknown) throw new InvalidRequest('parameter_unknown', `Unknown field config.${unknown} for ${input.channel} ${definition.mode}`, `config.${unknown}`);
  // Wrapped so that the field is named from the request's root: `config.privateKey`.
  const { config } = parseWith(z.object({ config: definition.schema }), { config: input.config });
  return {
    payId: input.payId,
    companyId: input.companyId,
    channel: input.channel,
    status: input.status ?? 'ACTIVE',
    mode: definition.mode,
    config: config as Record<string, unknown>,
    secretFields: definition.secretFields,
  } as ValidatedPayConfig;
}
