/**
 * Pay config templates (cnf_pay_template, ARCHITECTURE.md §3): per channel and mode, the fields a
 * config must have and which are secret, as JSON Schema generated from the channel's own config
 * schema, so that an admin client can draw a form from it and the template never drifts from what
 * the channel parses. Secret fields are marked `writeOnly` (JSON Schema's own word for "sent, never
 * returned") and `x-secret`. Checks a JSON Schema cannot state (a PEM that must parse, a
 * certificate that must match its key) are made by the schema itself when a config is written.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { alipayConfigSchema, alipayIsvConfigSchema } from '../channels/alipay/config.ts';
import { paypalConfigSchema } from '../channels/paypal/config.ts';
import { unionpayConfigSchema } from '../channels/unionpay/config.ts';
import { wechatConfigSchema, wechatPartnerConfigSchema } from '../channels/wechat/config.ts';
import type { PayTemplateStore } from '../store/config-store.ts';

/** One kind of pay config: a channel in one mode, its schema and its secret fields. */
export interface PayConfigMode {
  channel: string;
  mode: string;
  title: string;
  schema: z.ZodMiniType;
  /** Must equal the channel's `secretFields` for the channel's modes (a test holds them together). */
  secretFields: readonly string[];
}

export const PAY_CONFIG_MODES: readonly PayConfigMode[] = [
  { channel: 'alipay', mode: 'direct', title: 'Alipay, direct merchant app', schema: alipayConfigSchema, secretFields: ['privateKey'] },
  {
    channel: 'alipay',
    mode: 'isv',
    title: "Alipay, service provider (ISV) app on a sub-merchant's authorisation",
    schema: alipayIsvConfigSchema,
    secretFields: ['privateKey', 'appAuthToken'],
  },
  { channel: 'wechat', mode: 'direct', title: 'WeChat Pay, direct merchant (直连商户)', schema: wechatConfigSchema, secretFields: ['privateKey', 'apiV3Key'] },
  {
    channel: 'wechat',
    mode: 'partner',
    title: 'WeChat Pay, service provider (服务商) for a sub-merchant',
    schema: wechatPartnerConfigSchema,
    secretFields: ['privateKey', 'apiV3Key'],
  },
  { channel: 'unionpay', mode: 'direct', title: 'UnionPay online payments (ACP) merchant', schema: unionpayConfigSchema, secretFields: ['signPrivateKey'] },
  { channel: 'paypal', mode: 'direct', title: 'PayPal REST app', schema: paypalConfigSchema, secretFields: ['clientSecret'] },
];

/** A template as stored (`TPL#<channel>#<mode>`) and served to admin clients. */
export interface PayTemplate {
  channel: string;
  mode: string;
  title: string;
  /** JSON Schema (draft 2020-12) of the config, secret fields marked. */
  schema: Record<string, unknown>;
  required: string[];
  secretFields: string[];
  /** A hash of the above: the seeding rewrites a stored template only when it changed. */
  version: string;
}

export function modeOf(channel: string, mode: string): PayConfigMode | undefined {
  return PAY_CONFIG_MODES.find((m) => m.channel === channel && m.mode === mode);
}

const generated = new Map<PayConfigMode, PayTemplate>();

/** The template of one mode (generated once per process; treat it as read-only). */
export function templateOf(definition: PayConfigMode): PayTemplate {
  let template = generated.get(definition);
  if (!template) generated.set(definition, (template = generate(definition)));
  return template;
}

function generate(definition: PayConfigMode): PayTemplate {
  // io: 'input' — what a writer must send: fields with a default are optional.
  const schema = z.toJSONSchema(definition.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  for (const field of definition.secretFields) {
    if (!properties[field]) throw new Error(`${definition.channel}/${definition.mode}: secret field ${field} is not in the schema`);
    properties[field] = { ...properties[field], writeOnly: true, 'x-secret': true };
  }
  const body = {
    channel: definition.channel,
    mode: definition.mode,
    title: definition.title,
    schema,
    required: (schema.required as string[] | undefined) ?? [],
    secretFields: [...definition.secretFields],
  };
  return { ...body, version: createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 16) };
}

export const payTemplates = (): PayTemplate[] => PAY_CONFIG_MODES.map(templateOf);

/**
 * Stores every channel's templates, rewriting only those that changed: idempotent, run by the
 * local stack at start and by the admin API before it first serves them.
 */
export async function seedPayTemplates(store: PayTemplateStore): Promise<{ written: string[]; unchanged: string[] }> {
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const template of payTemplates()) {
    const name = `${template.channel}/${template.mode}`;
    ((await store.putTemplate(template)) ? written : unchanged).push(name);
  }
  return { written, unchanged };
}
