import { Duration } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { PluginSubscription } from '../../infra/constructs/plugin-subscription.ts';
import { chatAlert, type ChatAlertSettings } from './manifest.ts';

/** Nothing but its subscription: the handler's only reach is the webhook's URL. */
export function chatAlertPlugin(scope: Construct, props: { settings: ChatAlertSettings; topic: ITopic; tenant: string }): PluginSubscription {
  return new PluginSubscription(scope, 'ChatAlert', {
    manifest: chatAlert,
    settings: props.settings,
    events: props.settings.events,
    topic: props.topic,
    tenant: props.tenant,
    // A batch is one message (format.ts): waiting a little gathers events that come close together into it.
    batching: { batchSize: 10, maxBatchingWindow: Duration.seconds(2) },
  });
}
