/**
 * Posts each batch of its queue's events to the chat webhook as one message (format.ts says why);
 * a refusal or no answer in time fails the batch, which comes again (then is dead-lettered).
 */
import { pluginBatchHandler } from '../../lib/plugins/handler.ts';
import { chatPayload, refusal } from './format.ts';
import { chatAlert } from './manifest.ts';

/** Well inside the function's timeout (PLUGIN_TIMEOUT in the construct). */
const POST_TIMEOUT_MS = 2000;

export const handler = pluginBatchHandler(chatAlert, async (events, settings) => {
  const res = await fetch(settings.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatPayload(settings.format, events)),
    signal: AbortSignal.timeout(POST_TIMEOUT_MS),
  });
  const why = refusal(res.status, await res.text());
  if (why) throw new Error(`chat webhook refused ${events.length} events (${events.map((e) => e.id).join(', ')}): ${why}`);
});
