/** EventQueue on an SQS FIFO queue: group = payNo (order per payment), dedup id = eventId. */
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { PaymentEvent, RefundEvent } from '../channels/channel.ts';
import { awsClientOptions } from '../aws/client-options.ts';
import type { EventQueue } from './event-queue.ts';

let client: SQSClient | undefined;

export class SqsEventQueue implements EventQueue {
  constructor(private readonly queueUrl: string) {}

  async send(event: PaymentEvent | RefundEvent): Promise<void> {
    client ??= new SQSClient(awsClientOptions());
    await client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(event),
        MessageGroupId: event.payNo,
        MessageDeduplicationId: event.eventId,
      }),
    );
  }
}
