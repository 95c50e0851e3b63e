/**
 * What every plugin's handler shares: its settings (PLUGIN_SETTINGS, checked again against its
 * manifest), and the SQS batch from its own queue with partial failures, so one event that fails is
 * retried (then dead-lettered) alone. A plugin sees events only: it cannot touch a payment.
 */
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { PayeeEvent } from '../events/event-types.ts';
import { logger } from '../observability/logger.ts';
import { metrics } from '../observability/metrics.ts';
import type { PluginManifest } from './manifest.ts';

export const PLUGIN_SETTINGS_ENV = 'PLUGIN_SETTINGS';

export function settingsOf<S extends z.ZodMiniType>(manifest: PluginManifest<S>): z.output<S> {
  return manifest.settings.parse(JSON.parse(process.env[PLUGIN_SETTINGS_ENV] ?? '{}')) as z.output<S>;
}

export function pluginHandler<S extends z.ZodMiniType>(manifest: PluginManifest<S>, handle: (event: PayeeEvent, settings: z.output<S>) => Promise<void>) {
  const settings = settingsOf(manifest);
  const processor = new BatchProcessor(EventType.SQS);
  const record = async (r: SQSRecord) => {
    const event = JSON.parse(r.body) as PayeeEvent;
    await handle(event, settings);
    logger.info('plugin handled event', { plugin: manifest.name, type: event.type, id: event.id });
  };
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler((event, context) => processPartialResponse(event, record, processor, { context }));
}

/**
 * For a plugin that handles its batch as a whole (one file write for many events): a failure fails
 * every event of the batch, which comes again; the handler must be idempotent per event id.
 */
export function pluginBatchHandler<S extends z.ZodMiniType>(manifest: PluginManifest<S>, handle: (events: PayeeEvent[], settings: z.output<S>) => Promise<void>) {
  const settings = settingsOf(manifest);
  return middy<SQSEvent, void>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .handler(async (event) => {
      const events = event.Records.map((r) => JSON.parse(r.body) as PayeeEvent);
      await handle(events, settings);
      logger.info('plugin handled events', { plugin: manifest.name, count: events.length });
    });
}
