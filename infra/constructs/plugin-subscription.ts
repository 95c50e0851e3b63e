import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SubscriptionFilter, type ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { filterPolicyOf, type PluginManifest } from '../../lib/plugins/manifest.ts';
import { PLUGIN_SETTINGS_ENV } from '../../lib/plugins/handler.ts';
import { PayeeFunction } from './payee-function.ts';

/** A plugin's handler runs this long at most; its queue hides a received event twice as long. */
const PLUGIN_TIMEOUT = Duration.seconds(5);
/** Receives before an event goes to the plugin's dead-letter queue: a broken endpoint is given up on within a minute. */
const MAX_RECEIVE_COUNT = 3;

export interface PluginSubscriptionProps {
  readonly manifest: PluginManifest;
  /** The tenant's settings of the plugin, checked against the manifest at synthesis. */
  readonly settings: Readonly<Record<string, unknown>> & { readonly companyIds?: readonly string[] };
  /** Event types the settings chose among the manifest's; all of them when omitted. */
  readonly events?: readonly string[];
  readonly topic: ITopic;
  readonly tenant: string;
  /** The handler's variables besides its settings. */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * How many events one invocation takes, and how long Lambda may wait to gather them; default 10,
   * no wait. A plugin whose work is per batch (a file rewrite, a chat message) waits for more.
   */
  readonly batching?: { readonly batchSize: number; readonly maxBatchingWindow: Duration };
}

/**
 * What every plugin is made of: its own queue subscribed to the PaymentEvents topic with the
 * manifest's filter policy (raw messages), its dead-letter queue, and its handler
 * (`plugins/<name>/handler.ts`) fed from the queue. A plugin that fails or is slow fills its own
 * queue; the topic, the relay and every payment go on.
 */
export class PluginSubscription extends Construct {
  readonly function: PayeeFunction;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: PluginSubscriptionProps) {
    super(scope, id);
    const { manifest } = props;
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      visibilityTimeout: Duration.seconds(PLUGIN_TIMEOUT.toSeconds() * 2),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const policy = filterPolicyOf({ ...manifest, events: props.events ?? manifest.events }, props.settings.companyIds);
    props.topic.addSubscription(
      new SqsSubscription(this.queue, {
        rawMessageDelivery: true,
        filterPolicy: Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, SubscriptionFilter.stringFilter({ allowlist: v.map(String) })])),
      }),
    );
    this.function = new PayeeFunction(this, 'Handler', {
      entry: `plugins/${manifest.name}/handler.ts`,
      tenant: props.tenant,
      timeout: PLUGIN_TIMEOUT,
      environment: { [PLUGIN_SETTINGS_ENV]: JSON.stringify(props.settings), ...props.environment },
    });
    // At most two invocations at once (SQS's least maximum concurrency): a plugin never takes the
    // account's Lambda concurrency from the payment path; a burst waits in its queue instead.
    this.function.function.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, ...props.batching, maxConcurrency: 2, reportBatchItemFailures: true }));
  }
}
