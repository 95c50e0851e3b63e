/**
 * A subscriber of the payment events topic, as a plugin is one: its own SQS queue subscribed with
 * a filter policy (raw delivery), drained by the test.
 */
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { clientConfig } from '../../infra/local/target.ts';
import { target } from './target.ts';

export interface ReceivedEvent {
  id: string;
  type: string;
  companyId: string;
  channel: string;
  method: string;
  status: string;
  amount: number;
  data: any;
}

export interface Subscriber {
  /** Every event received so far, in arrival order (duplicates kept: the tests count them). */
  received: ReceivedEvent[];
  /** Receives what is waiting now. */
  drain(): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

export async function subscribe(name: string, filterPolicy: Record<string, unknown>): Promise<Subscriber> {
  const t = target();
  const sqs = new SQSClient(clientConfig(t, 'sqs'));
  const sns = new SNSClient(clientConfig(t, 'sqs'));
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `test-${name}-${Date.now()}` }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: t.events!.topicArn,
      Protocol: 'sqs',
      Endpoint: Attributes!.QueueArn,
      Attributes: { FilterPolicy: JSON.stringify(filterPolicy), RawMessageDelivery: 'true' },
    }),
  );
  const received: ReceivedEvent[] = [];
  return {
    received,
    async drain() {
      const got: ReceivedEvent[] = [];
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        if (!Messages.length) break;
        got.push(...Messages.map((m) => JSON.parse(m.Body!) as ReceivedEvent));
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
      }
      received.push(...got);
      return got;
    },
    async close() {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      sqs.destroy();
      sns.destroy();
    },
  };
}
