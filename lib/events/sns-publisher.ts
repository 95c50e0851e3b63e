/** Publishes catalogue events to the PaymentEvents SNS topic, ten to a PublishBatch call. */
import { PublishBatchCommand, SNSClient, type MessageAttributeValue } from '@aws-sdk/client-sns';
import { awsClientOptions } from '../aws/client-options.ts';
import type { PayeeEvent } from './event-types.ts';

let client: SNSClient | undefined;
const sns = () => (client ??= new SNSClient(awsClientOptions()));

/** The message attributes subscribers filter on (ARCHITECTURE.md §10): amount as a Number, for numeric ranges. */
export function attributesOf(event: PayeeEvent): Record<string, MessageAttributeValue> {
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
  return {
    type: text(event.type),
    channel: text(event.channel),
    method: text(event.method),
    companyId: text(event.companyId),
    status: text(event.status),
    amount: { DataType: 'Number', StringValue: String(event.amount) },
  };
}

/** Throws unless SNS accepted every event (the stream retries the batch). */
export async function publishEvents(topicArn: string, events: PayeeEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 10) {
    const chunk = events.slice(i, i + 10);
    const { Failed = [] } = await sns().send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: chunk.map((e, j) => ({ Id: String(j), Message: JSON.stringify(e), MessageAttributes: attributesOf(e) })),
      }),
    );
    if (Failed.length) throw new Error(`SNS refused ${Failed.length} of ${chunk.length} events: ${Failed.map((f) => `${f.Code} ${f.Message ?? ''}`).join('; ')}`);
  }
}
