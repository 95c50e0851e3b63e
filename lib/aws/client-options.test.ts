import { createServer, type Socket } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { awsClientOptions, isAwsUnavailable } from './client-options.ts';

describe('awsClientOptions', () => {
  afterEach(() => {
    delete process.env.PAYEE_AWS_TIMEOUT_MS;
  });

  it('takes the budget PayeeFunction sets', () => {
    process.env.PAYEE_AWS_TIMEOUT_MS = '1666';
    expect(awsClientOptions()).toEqual({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 1666, throwOnRequestTimeout: true } });
  });

  it('ends a call to a service that accepts but never answers within two attempts, as unavailable', async () => {
    process.env.PAYEE_AWS_TIMEOUT_MS = '300';
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const client = new DynamoDBClient({
      ...awsClientOptions(),
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const started = Date.now();
    try {
      const error = await client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' } } })).catch((e: unknown) => e);
      expect(isAwsUnavailable(error), String(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(sockets.length).toBe(2);
    } finally {
      client.destroy();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('isAwsUnavailable', () => {
  const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name }, extra);

  it('is true of timeouts, throttling, network failures, 5xx and lasting transaction conflicts', () => {
    expect(isAwsUnavailable(named('TimeoutError'))).toBe(true);
    expect(isAwsUnavailable(named('ProvisionedThroughputExceededException'))).toBe(true);
    expect(isAwsUnavailable(named('Error', { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isAwsUnavailable(named('SomethingNew', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isAwsUnavailable(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }))).toBe(true);
  });

  it('is false of errors a retry cannot fix', () => {
    expect(isAwsUnavailable(named('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isAwsUnavailable(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ValidationError' }] }))).toBe(false);
    expect(isAwsUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isAwsUnavailable('a string')).toBe(false);
  });
});
