import { Duration, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The daily counters' tumbling window: one write per counter item and stream shard per window. */
export const COUNTER_WINDOW = Duration.seconds(5);

/**
 * The PaymentEvents topic (ARCHITECTURE.md §10, docs/events.md) and what feeds it: the table's
 * stream, filtered to payment and refund items and to audit-trail events the status machine kept
 * out (and to applied callbacks, for the counters' latency), invokes the events relay
 * (functions/worker/events-relay.ts), which publishes and keeps the daily counters. Plugins
 * subscribe to the topic with filter policies on its message attributes.
 */
export class PaymentEvents extends Construct {
  readonly topic: Topic;
  /** Where the stream mapping reports a batch it gave up on (after a day of retries). */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { enforceSSL: true, displayName: 'payee payment events' });
    this.deadLetterQueue = new Queue(this, 'RelayDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "It is a dead-letter queue: the events relay's stream mapping reports the batches it gave up on here (an on-failure destination, which cdk-nag does not recognise).",
    });
  }

  /** Feeds the relay from the table's stream and lets it publish. */
  connect(relay: IFunction, table: Table): void {
    this.topic.grantPublish(relay);
    relay.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(this.deadLetterQueue),
        // The daily counters' window (functions/worker/events-relay.ts): reports lag by at most this.
        tumblingWindow: COUNTER_WINDOW,
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: { NewImage: { entity: { S: FilterRule.or('payment', 'refund') } } },
          }),
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('event') }, outcome: { S: FilterRule.isEqual('ignored') } } },
          }),
          // An applied callback that says when the provider sent it: its latency is counted.
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('event') }, outcome: { S: FilterRule.isEqual('applied') }, notifiedAt: { S: FilterRule.exists() } } },
          }),
        ],
      }),
    );
  }
}
