/** The statement queue (standard SQS): one message per pay config and day to reconcile. */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsClientOptions } from '../aws/client-options.ts';
import type { StatementQueue } from '../statements/reconcile-statement.ts';

let client: SQSClient | undefined;

export class SqsStatementQueue implements StatementQueue {
  constructor(private readonly queueUrl: string) {}

  /** Ten at a time, as SQS allows; throws unless every one was accepted (a re-run queues them again). */
  async sendAll(runs: { day: string; payId: string }[]): Promise<void> {
    client ??= new SQSClient(awsClientOptions());
    for (let i = 0; i < runs.length; i += 10) {
      const chunk = runs.slice(i, i + 10);
      const { Failed = [] } = await client.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: chunk.map((run, j) => ({ Id: String(j), MessageBody: JSON.stringify(run) })) }),
      );
      if (Failed.length) throw new Error(`statement queue refused ${Failed.length} of ${chunk.length}: ${Failed.map((f) => f.Code).join(', ')}`);
    }
  }
}
