import { Duration } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface WorkQueueProps {
  /**
   * Timeout of the function that consumes the queue. The visibility timeout is six times it, as
   * Lambda's SQS event source asks, so a batch retried after a throttled or slow invocation is
   * not delivered twice at once.
   */
  readonly consumerTimeout: Duration;
  /**
   * FIFO with message group = payNo and deduplication by the id the sender sets (high-throughput
   * FIFO: deduplication and the throughput limit per message group, since only a payment's own
   * messages need serialising). Standard otherwise.
   */
  readonly fifo: boolean;
}

/** Receives before a message goes to the dead-letter queue: only a consumer that keeps failing gets there this way. */
const MAX_RECEIVE_COUNT = 5;

/**
 * A queue between two of payee's functions, with its dead-letter queue (kept the longest SQS
 * allows: time to find and fix what failed, then redrive). Used for verified provider callbacks
 * on their way to the status worker (FIFO, ARCHITECTURE §5 flows 2–3: a payment's callbacks are
 * applied one at a time and in order) and for merchant notifications on their way to the
 * notifier (standard: each carries the whole payment, and retries are messages sent again with
 * DelaySeconds; the notifier itself puts a notification whose schedule ran out on the DLQ).
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, ...(props.fifo ? { fifo: true } : {}) };
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new Queue(this, 'Queue', {
      ...common,
      ...(props.fifo
        ? {
            contentBasedDeduplication: false,
            deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
            fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
          }
        : {}),
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
