/**
 * The notify queue (standard SQS): which notification to attempt, delayed by up to SQS's 15
 * minutes; longer waits hop (the message carries notBefore and is sent on again). The dead-letter
 * queue is written explicitly when a notification has used up its schedule.
 */
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientOptions } from '../aws/client-options.ts';
import type { NotifyMessage } from '../notify/notifier.ts';

let client: SQSClient | undefined;
const sqs = () => (client ??= new SQSClient(awsClientOptions()));

/** SQS's longest DelaySeconds. */
export const MAX_DELAY_SECONDS = 900;

export class SqsNotifyQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly deadLetterQueueUrl?: string,
  ) {}

  async send(message: NotifyMessage, delaySeconds = 0): Promise<void> {
    await sqs().send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(message),
        DelaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds))),
      }),
    );
  }

  /** Up to 10 at once, as SQS allows; throws unless every one was accepted. */
  async sendBatch(messages: NotifyMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      const chunk = messages.slice(i, i + 10);
      const { Failed = [] } = await sqs().send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: chunk.map((m, j) => ({ Id: String(j), MessageBody: JSON.stringify(m) })),
        }),
      );
      if (Failed.length > 0) throw new Error(`notify queue refused ${Failed.length} messages: ${Failed[0]!.Code} ${Failed[0]!.Message ?? ''}`);
    }
  }

  async sendToDeadLetter(message: NotifyMessage): Promise<void> {
    if (!this.deadLetterQueueUrl) throw new Error('NOTIFY_DEAD_LETTER_QUEUE_URL is not set');
    await sqs().send(new SendMessageCommand({ QueueUrl: this.deadLetterQueueUrl, MessageBody: JSON.stringify(message) }));
  }
}
