/** The chat alert plugin: chosen events as messages to a WeCom, DingTalk or Slack group's webhook. */
import * as z from 'zod/mini';
import { commonSettings, type PluginManifest } from '../../lib/plugins/manifest.ts';

const EVENTS = ['payment.succeeded', 'payment.failed', 'payment.closed', 'payment.refunded', 'refund.succeeded', 'refund.failed', 'callback.rejected', 'callback.amount_mismatch'] as const;

const settings = z.strictObject({
  ...commonSettings,
  url: z.url({ protocol: /^https?$/ }).check(z.maxLength(1024), z.describe("The group robot's webhook URL (its key included)")),
  format: z.enum(['wecom', 'dingtalk', 'slack']).check(z.describe("The webhook's payload shape")),
  events: z.optional(z.array(z.enum(EVENTS)).check(z.minLength(1), z.describe('Which events to post; all of the manifest\'s when omitted'))),
});
export type ChatAlertSettings = z.output<typeof settings>;

export const chatAlert: PluginManifest<typeof settings> = {
  name: 'chat-alert',
  version: '1.0.0',
  description: 'Posts chosen payment events to a chat group robot (WeCom, DingTalk or Slack incoming webhook), the events that arrive together as one message.',
  events: EVENTS,
  permissions: ['network: HTTPS POST to settings.url', 'sqs: receive and delete from its own queue'],
  settings,
};
