/** Posts each event of its queue to the chat webhook; a refusal or no answer in time fails that event (retried, then dead-lettered). */
import { pluginHandler } from '../../lib/plugins/handler.ts';
import { chatPayload, refusal } from './format.ts';
import { chatAlert } from './manifest.ts';

/** Well inside the function's timeout (PLUGIN_TIMEOUT in the construct). */
const POST_TIMEOUT_MS = 2000;

export const handler = pluginHandler(chatAlert, async (event, settings) => {
  const res = await fetch(settings.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(chatPayload(settings.format, event)),
    signal: AbortSignal.timeout(POST_TIMEOUT_MS),
  });
  const why = refusal(res.status, await res.text());
  if (why) throw new Error(`chat webhook refused ${event.type} ${event.id}: ${why}`);
});
