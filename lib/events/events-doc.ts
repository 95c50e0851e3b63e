/**
 * docs/events.md, generated from the catalogue's zod schemas: `npx tsx lib/events/events-doc.ts`
 * rewrites it; a unit test fails while it differs.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJsonSchema } from '../api/openapi-parts.ts';
import { ATTRIBUTE_NAMES, EVENT_DESCRIPTIONS, EVENT_SCHEMAS } from './catalogue.ts';

export const EVENTS_DOC = fileURLToPath(new URL('../../docs/events.md', import.meta.url));

interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  format?: string;
}

const typeOf = (s: JsonSchema): string => {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  return [s.format ?? s.type ?? 'any'].flat().join(' \\| ');
};

/** One row per field, nested objects' fields as `parent.child`. */
function rows(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const required = schema.required?.includes(name) ? 'yes' : '';
    const nested = field.type === 'object' && field.properties ? rows(field, `${path}.`) : [];
    const type = field.type === 'object' && field.properties ? 'object' : typeOf(field);
    return [`| \`${path}\` | ${type} | ${required} | ${(field.description ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ')} |`, ...nested];
  });
}

export function eventsDocText(): string {
  const types = Object.keys(EVENT_SCHEMAS);
  const sections = types.map((type) => {
    const schema = toJsonSchema(EVENT_SCHEMAS[type]!, 'output') as JsonSchema;
    const data = schema.properties!.data!;
    return [`### \`${type}\``, '', EVENT_DESCRIPTIONS[type], '', '| `data` field | type | required | notes |', '|---|---|---|---|', ...rows(data), ''].join('\n');
  });
  const envelope = toJsonSchema(EVENT_SCHEMAS[types[0]!]!, 'output') as JsonSchema;
  const envelopeRows = rows({ ...envelope, properties: Object.fromEntries(Object.entries(envelope.properties!).filter(([k]) => k !== 'data' && k !== 'type')) });
  return `${[
    '# Payment events',
    '',
    '<!-- Generated from lib/events/catalogue.ts by `npx tsx lib/events/events-doc.ts`; do not edit by hand. -->',
    '',
    "Every change of a payment's or a refund's status, and every verified provider event the status machine",
    "kept out, is published once to the tenant's **PaymentEvents** SNS topic (the stack output",
    '`PaymentEventsTopicArn`). The table\'s stream carries each change to the events relay',
    '(`functions/worker/events-relay.ts`), which publishes it: request handlers publish nothing, and a',
    'payment pays no extra write for its events. A relay that fails retries the batch from the stream, so a',
    'subscriber may see an event twice: `id` is the same then.',
    '',
    `Each message is one event as JSON, with the SNS message attributes ${ATTRIBUTE_NAMES.map((a) => `\`${a}\``).join(', ')}`,
    '(`amount` a Number, the others Strings) for filter policies, e.g.',
    '`{"type": ["payment.succeeded"], "channel": ["wechat"], "amount": [{"numeric": [">=", 100000]}]}`.',
    'Plugins (`plugins/<name>/`, `npx payee plugins list`) subscribe this way through their own queue.',
    'The OpenAPI document (`docs/openapi.json`) lists the same schemas as the webhooks `events.<type>`.',
    '',
    '## Fields of every event',
    '',
    '| field | type | required | notes |',
    '|---|---|---|---|',
    '| `type` | string | yes | One of the types below |',
    ...envelopeRows,
    '| `data` | object | yes | What changed, by type (below) |',
    '',
    '## Types',
    '',
    ...types.map((t) => `- \`${t}\`: ${EVENT_DESCRIPTIONS[t]}`),
    '',
    ...sections,
  ].join('\n')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(EVENTS_DOC, eventsDocText());
  console.log(`wrote ${EVENTS_DOC}`);
}
