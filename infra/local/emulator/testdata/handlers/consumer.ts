// SQS consumer: records each message in the table; `{"fail":true}` bodies are reported as failures.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

const db = new DynamoDBClient({});

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const body = JSON.parse(record.body) as { id: string; fail?: boolean };
    if (body.fail) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    await db.send(
      new PutItemCommand({
        TableName: process.env.TABLE_NAME,
        Item: { PK: { S: `MSG#${body.id}` }, SK: { S: 'MSG' }, group: { S: record.attributes.MessageGroupId ?? '' }, source: { S: record.eventSourceARN } },
      }),
    );
  }
  return { batchItemFailures };
}
