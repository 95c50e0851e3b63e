import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface NotifyQueueProps {
  /** Timeout of the notifier; the visibility timeout is six times it, as Lambda's SQS event source asks. */
  readonly consumerTimeout: Duration;
}

/** Receives before a message goes to the dead-letter queue: only a notifier that keeps crashing gets there this way. */
const MAX_RECEIVE_COUNT = 5;

/**
 * Merchant notifications on their way to the notifier (ARCHITECTURE §5 flow 4). A standard queue:
 * notifications need no order (each carries the whole payment), and retries are messages sent
 * again with DelaySeconds. The dead-letter queue gets what crashed the notifier five times, and
 * every notification whose ~24 h schedule ran out (sent there by the notifier itself).
 */
export class NotifyQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: NotifyQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
