/**
 * The catalogue in the OpenAPI document: one webhook per event type, named `events.<type>` (the
 * merchant notifications own the bare `payment.*` names). Schemas are inlined, not components:
 * what the topic carries is for plugins and operators, not a model every SDK has to ship.
 */
import { toJsonSchema } from '../api/openapi-parts.ts';
import { EVENT_DESCRIPTIONS, EVENT_SCHEMAS } from './catalogue.ts';

const camel = (type: string) =>
  type
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

export function eventWebhooks() {
  return Object.fromEntries(
    Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [
      `events.${type}`,
      {
        post: {
          operationId: `event${camel(type)}`,
          summary: EVENT_DESCRIPTIONS[type],
          description:
            "Published once per change to the tenant's PaymentEvents SNS topic (the stack's PaymentEventsTopicArn output) with the message attributes type, channel, method, companyId, status and amount; a plugin's queue receives it raw (docs/events.md).",
          tags: ['events'],
          // An SNS message has attributes, not headers: nothing to sign or verify over HTTP.
          parameters: [] as { name: string; in: string; required: boolean }[],
          requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(schema, 'output') } } },
          responses: { '2XX': { description: 'An SQS subscriber deletes the message once handled; a failure is retried, then dead-lettered' } },
        },
      },
    ]),
  );
}
