import { Duration } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface CallbackQueueProps {
  /**
   * Timeout of the function that consumes the queue. The visibility timeout is six times it, as
   * Lambda's SQS event source asks, so a batch retried after a throttled or slow invocation is
   * not delivered twice at once.
   */
  readonly consumerTimeout: Duration;
}

/** Receives before a message goes to the dead-letter queue. */
const MAX_RECEIVE_COUNT = 5;

/**
 * Verified provider callbacks on their way to the status worker (ARCHITECTURE §5, flows 2–3): a
 * FIFO queue with message group = payNo, so a payment's callbacks are applied one at a time and
 * in order, and deduplication id = the provider's notify id (set by the callback function, not by
 * content: the same notification may arrive with a new timestamp or signature).
 *
 * Deduplication and the throughput limit are per message group (high-throughput FIFO): payments
 * are independent of each other, so only a payment's own callbacks need to be serialised.
 */
export class CallbackQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: CallbackQueueProps) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      fifo: true,
      // The longest SQS allows: time to find and fix what failed, then redrive.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });

    this.queue = new Queue(this, 'Queue', {
      fifo: true,
      contentBasedDeduplication: false,
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
