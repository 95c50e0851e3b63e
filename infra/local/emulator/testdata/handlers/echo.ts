// Echoes the proxy event and the resolved environment; a module-level counter shows warm reuse.
// `?put=<id>` writes an item to the table and `?send=<body>` enqueues a message, through the
// AWS SDK and the endpoints the emulator sets in the environment.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

let invocations = 0;
const loadedAt = Date.now();

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult | Record<string, unknown>> {
  invocations++;
  const query = event.queryStringParameters ?? {};
  if (query.malformed) return { statusCode: 200, body: { not: 'a string' } };
  if (query.crash) throw new Error('handler crashed');
  if (query.put) {
    await new DynamoDBClient({}).send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { PK: { S: `ECHO#${query.put}` }, SK: { S: 'ECHO' } } }));
  }
  if (query.send) {
    await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: query.send, MessageGroupId: 'echo' }));
  }
  const env = Object.fromEntries(
    ['TABLE_NAME', 'TABLE_ARN', 'QUEUE_URL', 'QUEUE_ARN', 'JOINED', 'SUBBED', 'AWS_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SQS'].map((k) => [k, process.env[k]]),
  );
  return {
    statusCode: query.status ? Number(query.status) : 200,
    headers: { 'content-type': 'application/json', 'x-echo': 'yes' },
    multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
    body: JSON.stringify({ event, env, invocations, loadedAt }),
  };
}
