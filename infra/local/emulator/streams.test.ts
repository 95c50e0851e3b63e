// DynamoDB stream mappings on DynamoDB Local and fauxqs: filtered records reach the function in
// order, in Lambda's event shape; a failing batch is retried, then reported to the OnFailure queue.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTables, dynamoClient, LOCAL_CREDENTIALS, startDynamo, type LocalDynamo } from './dynamodb.ts';
import type { InvokeResult } from './lambda/pool.ts';
import { Resolver } from './intrinsics.ts';
import { createMessaging, FAUXQS_ACCOUNT_ID, startSqs } from './sqs.ts';
import { matchesAny, startStreamPollers, type Invoker } from './streams.ts';
import type { Template } from './template.ts';

const pattern = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['notification'] } } } };

describe('stream filter patterns', () => {
  const record = (eventName: string, entity: string) => ({ eventName, dynamodb: { NewImage: { entity: { S: entity } } } });
  it('match exact values, nested, any of several filters', () => {
    expect(matchesAny([pattern], record('INSERT', 'notification'))).toBe(true);
    expect(matchesAny([pattern], record('MODIFY', 'notification'))).toBe(false);
    expect(matchesAny([pattern], record('INSERT', 'payment'))).toBe(false);
    expect(matchesAny([pattern], { eventName: 'INSERT', dynamodb: {} })).toBe(false);
    expect(matchesAny([pattern, { eventName: ['REMOVE'] }], record('REMOVE', 'x'))).toBe(true);
    expect(matchesAny([], record('MODIFY', 'x'))).toBe(true);
  });

  it('support prefix, exists and anything-but', () => {
    expect(matchesAny([{ dynamodb: { NewImage: { entity: { S: [{ prefix: 'noti' }] } } } }], record('INSERT', 'notification'))).toBe(true);
    expect(matchesAny([{ dynamodb: { OldImage: [{ exists: false }] } }], record('INSERT', 'x'))).toBe(true);
    expect(matchesAny([{ eventName: [{ 'anything-but': ['REMOVE'] }] }], record('INSERT', 'x'))).toBe(true);
    expect(matchesAny([{ eventName: [{ 'anything-but': 'INSERT' }] }], record('INSERT', 'x'))).toBe(false);
    expect(() => matchesAny([{ eventName: [{ numeric: ['>', 1] }] }], record('INSERT', 'x'))).toThrow('not supported');
  });
});

describe('stream mappings', () => {
  let dynamo: LocalDynamo;
  let sqs: Awaited<ReturnType<typeof startSqs>>;
  let resolver: Resolver;
  const region = 'us-east-1';

  const template = (failFirst: boolean, windowSeconds = 0): Template => ({
    stackName: 'Streams',
    body: {
      Resources: {
        T: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
            BillingMode: 'PAY_PER_REQUEST',
            StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
          },
        },
        Dlq: { Type: 'AWS::SQS::Queue' },
        F: { Type: 'AWS::Lambda::Function' },
        M: {
          Type: 'AWS::Lambda::EventSourceMapping',
          Properties: {
            EventSourceArn: { 'Fn::GetAtt': ['T', 'StreamArn'] },
            FunctionName: { Ref: 'F' },
            StartingPosition: 'TRIM_HORIZON',
            BatchSize: 10,
            FilterCriteria: { Filters: [{ Pattern: JSON.stringify(pattern) }] },
            ...(windowSeconds ? { TumblingWindowInSeconds: windowSeconds } : {}),
            ...(failFirst ? { MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } } } : {}),
          },
        },
      },
    },
  });

  beforeAll(async () => {
    [dynamo, sqs] = await Promise.all([startDynamo(0, '127.0.0.1', region), startSqs(0, '127.0.0.1', region)]);
  });
  afterAll(async () => {
    await dynamo?.stop();
    await sqs?.stop();
  });

  const setUp = async (failFirst: boolean, fn: (event: any) => InvokeResult, windowSeconds = 0) => {
    resolver = new Resolver(template(failFirst, windowSeconds), { region, accountId: FAUXQS_ACCOUNT_ID, sqsEndpoint: sqs.endpoint });
    // A table per case: a fresh stream.
    (resolver.template.body.Resources.T!.Properties as Record<string, unknown>).TableName = `streams-${failFirst}-${windowSeconds}-${Date.now()}`;
    const tables = await createTables(dynamo.endpoint, resolver);
    const queues = await createMessaging(sqs, resolver);
    const events: any[] = [];
    const invoker: Invoker = { invoke: async (event) => (events.push(event), fn(event)) };
    const pollers = startStreamPollers(resolver, { dynamodb: dynamo.endpoint, sqs: sqs.endpoint }, new Map([['F', invoker]]));
    const put = (PK: string, entity: string) =>
      dynamoClient(dynamo.endpoint, region).send(new PutItemCommand({ TableName: tables.T!, Item: { PK: { S: PK }, entity: { S: entity }, bin: { B: Buffer.from('hi') } } }));
    return { events, pollers, put, queues };
  };

  const until = async (check: () => boolean) => {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('not within 15 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('hands the matching INSERTs to the function, in order, in the Lambda event shape', async () => {
    const { events, pollers, put } = await setUp(false, () => ({ ok: true, payload: null }));
    try {
      await put('a', 'notification');
      await put('b', 'payment');
      await put('a', 'notification'); // MODIFY of a: filtered out
      await put('c', 'notification');
      await until(() => events.flatMap((e) => e.Records).length >= 2);
      await new Promise((r) => setTimeout(r, 600));
      const records = events.flatMap((e) => e.Records);
      expect(records.map((r: any) => r.dynamodb.Keys.PK.S)).toEqual(['a', 'c']);
      expect(records[0]).toMatchObject({
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        eventSourceARN: resolver.getAtt('T', 'StreamArn'),
        dynamodb: {
          NewImage: { PK: { S: 'a' }, entity: { S: 'notification' }, bin: { B: Buffer.from('hi').toString('base64') } },
          StreamViewType: 'NEW_IMAGE',
          SequenceNumber: expect.any(String),
          ApproximateCreationDateTime: expect.any(Number),
        },
      });
      expect(Math.abs(records[0].dynamodb.ApproximateCreationDateTime - Date.now() / 1000)).toBeLessThan(120);
    } finally {
      await pollers.stop();
    }
  });

  it('retries a failing batch up to MaximumRetryAttempts, then reports it to the OnFailure queue and goes on', async () => {
    let calls = 0;
    const { events, pollers, put, queues } = await setUp(true, (event) =>
      event.Records[0].dynamodb.Keys.PK.S === 'bad'
        ? (calls++, { ok: false, error: { errorType: 'Error', errorMessage: 'boom', trace: [] } })
        : { ok: true, payload: null },
    );
    try {
      await put('bad', 'notification');
      await until(() => calls === 3);
      await put('good', 'notification');
      await until(() => events.some((e) => e.Records[0].dynamodb.Keys.PK.S === 'good'));
      expect(calls).toBe(3);
      const client = new SQSClient({ endpoint: sqs.endpoint, region, credentials: LOCAL_CREDENTIALS });
      const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queues.Dlq!, WaitTimeSeconds: 2 }));
      client.destroy();
      expect(Messages).toHaveLength(1);
      expect(JSON.parse(Messages[0]!.Body!)).toMatchObject({
        requestContext: { condition: 'RetryAttemptsExhausted' },
        DDBStreamBatchInfo: { streamArn: resolver.getAtt('T', 'StreamArn'), batchSize: 1 },
      });
    } finally {
      await pollers.stop();
    }
  });

  it('under a tumbling window: hands each batch the state the last one answered, retries a failed batch from the state before it, and ends the window with a final invocation', async () => {
    let failed = 0;
    const { events, pollers, put } = await setUp(
      false,
      (event) => {
        const count = Number(event.state?.count ?? 0) + event.Records.length;
        // The first batch fails once, then answers without state once (a failure too).
        if (event.Records.length && failed === 0) return (failed++, { ok: false, error: { errorType: 'Error', errorMessage: 'boom', trace: [] } });
        if (event.Records.length && failed === 1) return (failed++, { ok: true, payload: { nothing: true } });
        return { ok: true, payload: event.isFinalInvokeForWindow ? { state: {} } : { state: { count } } };
      },
      1,
    );
    // Windows are aligned to the clock, so on a loaded machine b may land in the window after a's:
    // each window's final state must count exactly the records its own batches answered.
    const finals = () => events.filter((e) => e.isFinalInvokeForWindow);
    const counted = () => finals().reduce((n, e) => n + Number(e.state?.count ?? 0), 0);
    const expectEachWindowCountsItsRecords = () => {
      for (const final of finals()) {
        const answered = new Set(
          events.filter((e) => !e.isFinalInvokeForWindow && e.window.start === final.window.start).flatMap((e) => e.Records.map((r: any) => r.dynamodb.Keys.PK.S)),
        );
        expect(final).toMatchObject({ Records: [], state: { count: answered.size }, shardId: expect.any(String), eventSourceARN: resolver.getAtt('T', 'StreamArn'), isWindowTerminatedEarly: false });
        expect(Date.parse(final.window.end) - Date.parse(final.window.start)).toBe(1000);
      }
    };
    try {
      await put('a', 'notification');
      await put('b', 'notification');
      await until(() => counted() === 2);
      // Three tries of the first batch, all from the empty state.
      expect(events.filter((e) => !e.isFinalInvokeForWindow).slice(0, 3).map((e) => e.state)).toEqual([{}, {}, {}]);
      expectEachWindowCountsItsRecords();
      // The next window starts afresh.
      await put('c', 'notification');
      await until(() => counted() === 3);
      expect(finals().at(-1).state).toEqual({ count: 1 });
      expectEachWindowCountsItsRecords();
    } finally {
      await pollers.stop();
    }
  });
});
