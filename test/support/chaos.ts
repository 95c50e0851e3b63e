/** Fault injection on the local stack (emulator `/_emulator/` controls and real SQS attributes). */
import { SetQueueAttributesCommand, SQSClient, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { clientConfig } from '../../infra/local/target.ts';
import { target } from './target.ts';

export async function chaos(path: string, body: unknown = {}) {
  const res = await fetch(`${target().chaosUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`chaos ${path}: ${res.status} ${await res.text()}`);
}

let sqs: SQSClient | undefined;
export const sqsClient = () => (sqs ??= new SQSClient(clientConfig(target(), 'sqs')));

/** Shortens the queue's visibility timeout so that retries happen within a test's patience. */
export async function setVisibilityTimeout(queueUrl: string, seconds: number) {
  await sqsClient().send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: String(seconds) } }));
}

export async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqsClient().send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return Object.values(Attributes).reduce((sum, v) => sum + Number(v), 0);
}
