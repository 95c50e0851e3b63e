// End to end: a synthesized CDK app of our own (testdata/app.ts) run by the emulator.
import { execFileSync } from 'node:child_process';
import { get } from 'node:http';
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { APIGatewayClient, CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetUsagePlansCommand } from '@aws-sdk/client-api-gateway';
import { DescribeTableCommand, DescribeTimeToLiveCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from './dynamodb.ts';
import { startEmulator, type Emulator } from './index.ts';
import { KEYS, synthTestApp } from './testdata/app.ts';

const json = async (r: Response) => ({ status: r.status, headers: r.headers, body: (await r.json()) as any });
const until = async <T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
};
const logicalId = (record: Record<string, unknown>, prefix: string) => Object.keys(record).find((k) => k.startsWith(prefix))!;
const javaProcesses = (port: string) =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('DynamoDBLocal.jar') && l.includes(`-port ${port}`));

let app: { template: string; assemblyDir: string };
let emu: Emulator;
const keyIds: Record<string, string> = {};

beforeAll(async () => {
  app = synthTestApp();
  emu = await startEmulator({ ...app, verbose: false });
  const manage = (path: string, body: unknown) =>
    fetch(`${emu.apigwManagementEndpoint}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then(json);
  const plans: Record<string, string | undefined> = { good: 'generous', throttled: 'tiny', quota: 'quota', disabled: 'generous', planless: undefined };
  for (const [name, plan] of Object.entries(plans)) {
    const created = await manage('/apikeys', { name, value: KEYS[name as keyof typeof KEYS], enabled: name !== 'disabled' });
    expect(created.status).toBe(201);
    keyIds[name] = created.body.id;
    if (plan) expect((await manage(`/usageplans/${emu.usagePlans[plan]}/keys`, { keyId: created.body.id, keyType: 'API_KEY' })).status).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  if (!emu) return;
  const dynamoPort = new URL(emu.dynamodbEndpoint).port;
  await emu.stop();
  expect(javaProcesses(dynamoPort)).toEqual([]);
  await expect(fetch(`${emu.apiUrl}/v1/open`)).rejects.toThrow();
  await expect(fetch(`${emu.sqsEndpoint}/health`)).rejects.toThrow();
}, 30_000);

const call = (path: string, init: RequestInit & { key?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('x-api-key', init.key);
  return fetch(`${emu.apiUrl}${path}`, { ...init, headers });
};

describe('services', () => {
  it('listens on 127.0.0.1 only: DynamoDB Local and fauxqs refuse the machine\'s other addresses', async () => {
    const other = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!other) return; // no other interface to try
    for (const endpoint of [emu.dynamodbEndpoint, emu.sqsEndpoint]) {
      const port = Number(new URL(endpoint).port);
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: other, port }, () => (socket.destroy(), resolve('connected')));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect([endpoint, outcome]).toEqual([endpoint, 'ECONNREFUSED']);
    }
  });

  it('names the service that could not start', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(startEmulator({ ...app, ports: { sqs: port } })).rejects.toThrow(`SQS and SNS (fauxqs, in memory): Port ${port} is already in use`);
    } finally {
      busy.close();
    }
  });
});

describe('resources from the template', () => {
  it('creates the table with its keys, GSI and TTL', async () => {
    const db = dynamoClient(emu.dynamodbEndpoint, emu.region);
    const name = Object.values(emu.tables)[0]!;
    const { Table } = await db.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['GSI1']);
    const ttl = await db.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe('ttl');
    db.destroy();
  });

  it('creates the FIFO queue with its redrive policy to the DLQ', async () => {
    const sqs = new SQSClient({ endpoint: emu.sqsEndpoint, region: emu.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const url = emu.queues[logicalId(emu.queues, 'Queue')]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/000000000000\/EmuTest-Queue.*\.fifo$/);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(Attributes?.FifoQueue).toBe('true');
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toMatchObject({ deadLetterTargetArn: expect.stringMatching(/EmuTest-Dlq.*\.fifo$/) });
    sqs.destroy();
  });

  it('resolves Ref, GetAtt, Join and Sub in function environments', async () => {
    const { body } = await json(await call('/v1/open'));
    const table = Object.values(emu.tables)[0]!;
    const queueUrl = emu.queues[logicalId(emu.queues, 'Queue')]!;
    const queueName = queueUrl.split('/').pop()!;
    expect(body.env).toEqual({
      TABLE_NAME: table,
      TABLE_ARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`,
      QUEUE_URL: queueUrl,
      QUEUE_ARN: `arn:aws:sqs:us-east-1:000000000000:${queueName}`,
      JOINED: `${table}|${queueName}`,
      SUBBED: `us-east-1/${table}`,
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: expect.stringMatching(/^EmuTest-EchoFn/),
      AWS_ENDPOINT_URL_DYNAMODB: emu.dynamodbEndpoint,
      AWS_ENDPOINT_URL_SQS: emu.sqsEndpoint,
    });
  });

  it('lets functions reach DynamoDB through the SDK', async () => {
    expect((await call('/v1/open?put=one')).status).toBe(200);
    const db = dynamoClient(emu.dynamodbEndpoint, emu.region);
    const { Item } = await db.send(new GetItemCommand({ TableName: Object.values(emu.tables)[0]!, Key: { PK: { S: 'ECHO#one' }, SK: { S: 'ECHO' } } }));
    expect(Item).toBeDefined();
    db.destroy();
  });
});

describe('API Gateway routing and events', () => {
  it('answers 403 Missing Authentication Token for unknown routes and methods', async () => {
    for (const [path, method] of [['/v1/nothing', 'GET'], ['/v1/open', 'POST'], ['/', 'GET']] as const) {
      const r = await json(await call(path, { method }));
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ message: 'Missing Authentication Token' });
      expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    }
    const wrongStage = await fetch(emu.apiUrl!.replace(/\/live$/, '/prod/v1/open'));
    expect(wrongStage.status).toBe(403);
  });

  it('builds the REST proxy event as API Gateway does', async () => {
    const r = await json(await call('/v1/things/abc%20d?x=1&x=2&y=z', { key: KEYS.good, headers: { 'X-Custom': 'v' } }));
    expect(r.status).toBe(200);
    const e = r.body.event;
    expect(e).toMatchObject({
      resource: '/v1/things/{thingId}',
      path: '/v1/things/abc%20d',
      httpMethod: 'GET',
      pathParameters: { thingId: 'abc d' },
      queryStringParameters: { x: '2', y: 'z' },
      multiValueQueryStringParameters: { x: ['1', '2'], y: ['z'] },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(e.headers).toMatchObject({ 'X-Custom': 'v', 'x-api-key': KEYS.good, 'X-Forwarded-Proto': 'http', 'X-Forwarded-For': '127.0.0.1' });
    expect(e.multiValueHeaders['X-Custom']).toEqual(['v']);
    const rc = e.requestContext;
    expect(rc).toMatchObject({
      resourcePath: '/v1/things/{thingId}',
      path: '/live/v1/things/abc%20d',
      stage: 'live',
      httpMethod: 'GET',
      accountId: '000000000000',
      protocol: 'HTTP/1.1',
      domainName: new URL(emu.apiUrl!).host,
      identity: { sourceIp: '127.0.0.1', apiKey: KEYS.good, apiKeyId: keyIds.good, userAgent: expect.any(String) },
      authorizer: { principalId: 'merchant-1', companyId: 'C1', verified: 'true', integrationLatency: expect.any(Number) },
    });
    expect(rc.requestId).toBe(r.headers.get('x-amzn-requestid'));
    expect(rc.requestTimeEpoch).toBeGreaterThan(Date.now() - 60_000);
    expect(rc.requestTime).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(r.headers.get('x-echo')).toBe('yes');
    expect(r.headers.get('set-cookie')).toBe('a=1, b=2');
  });

  it('passes query parameters and headers named like Object.prototype members through as plain entries', async () => {
    // node:http, not fetch: fetch's Headers drops a header named __proto__.
    const headers = Object.fromEntries([['x-api-key', KEYS.good], ['constructor', 'c'], ['__proto__', 'p']]);
    const r = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      get(`${emu.apiUrl}/v1/things/t1?constructor=1&__proto__=2&__proto__=3&toString=4`, { headers }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      }).on('error', reject);
    });
    expect(r.status).toBe(200);
    // Parsed JSON: `__proto__` is an own property here, as a handler's JSON.parse sees it.
    const e = r.body.event;
    expect(e.queryStringParameters).toEqual(Object.fromEntries([['constructor', '1'], ['__proto__', '3'], ['toString', '4']]));
    expect(e.multiValueQueryStringParameters).toEqual(Object.fromEntries([['constructor', ['1']], ['__proto__', ['2', '3']], ['toString', ['4']]]));
    expect(Object.entries(e.headers)).toEqual(expect.arrayContaining([['constructor', 'c'], ['__proto__', 'p']]));
    expect(Object.entries(e.multiValueHeaders)).toEqual(expect.arrayContaining([['constructor', ['c']], ['__proto__', ['p']]]));
  });

  it('passes bodies as text, prefers literal segments and matches greedy {proxy+}', async () => {
    const post = await json(await call('/v1/things/t1', { method: 'POST', key: KEYS.good, body: '{"a":1}', headers: { 'content-type': 'application/json' } }));
    expect(post.body.event).toMatchObject({ httpMethod: 'POST', body: '{"a":1}', isBase64Encoded: false });
    const special = await json(await call('/v1/things/t1/special', { key: KEYS.good }));
    expect(special.body.event.resource).toBe('/v1/things/{thingId}/special');
    const files = await json(await call('/v1/files/a/b/c.txt', { method: 'DELETE' }));
    expect(files.body.event).toMatchObject({ resource: '/v1/files/{proxy+}', pathParameters: { proxy: 'a/b/c.txt' }, httpMethod: 'DELETE' });
  });

  it('maps Lambda errors and malformed results to 502', async () => {
    for (const q of ['malformed=1', 'crash=1']) {
      const r = await json(await call(`/v1/open?${q}`));
      expect(r.status).toBe(502);
      expect(r.body).toEqual({ message: 'Internal server error' });
    }
  });

  it('refuses bodies over 10 MB with 413', async () => {
    const r = await call('/v1/open', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    expect(r.status).toBe(413);
  });
});

describe('authorizer', () => {
  const authorizer = () => emu.functions[logicalId(emu.functions, 'AuthorizerFn')]!;

  it('refuses a missing identity source without invoking the authorizer (UNAUTHORIZED → 403 from the template)', async () => {
    const before = authorizer().invocations;
    const r = await json(await call('/v1/things'));
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: 'Forbidden' });
    expect(authorizer().invocations).toBe(before);
  });

  it('maps a thrown Unauthorized, a Deny policy and a crash', async () => {
    expect((await json(await call('/v1/things', { key: 'not-a-known-key' }))).body).toEqual({ message: 'Forbidden' });
    const denied = await json(await call('/v1/things', { key: 'deny-me' }));
    expect(denied).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    const crashed = await json(await call('/v1/things', { key: 'boom' }));
    expect(crashed).toMatchObject({ status: 500, body: { message: null } });
  });

  it('caches the policy per identity source for the TTL', async () => {
    const first = await json(await call('/v1/things/c1', { key: KEYS.good }));
    const before = authorizer().invocations;
    const second = await json(await call('/v1/things', { key: KEYS.good }));
    expect(authorizer().invocations).toBe(before);
    expect(second.body.event.requestContext.authorizer.calls).toBe(first.body.event.requestContext.authorizer.calls);
    expect(second.body.event.requestContext.authorizer.integrationLatency).toBe(0);
  });
});

describe('API keys and usage plans', () => {
  it('refuses unknown, disabled and plan-less keys with 403 Forbidden', async () => {
    for (const key of [KEYS.unknown, KEYS.disabled, KEYS.planless]) {
      const r = await json(await call('/v1/things', { key }));
      expect(r).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
      expect(r.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    }
  });

  it('enables a key through UpdateApiKey', async () => {
    const patch = await fetch(`${emu.apigwManagementEndpoint}/apikeys/${keyIds.disabled}`, {
      method: 'PATCH',
      body: JSON.stringify({ patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] }),
    });
    expect((await json(patch)).body).toMatchObject({ id: keyIds.disabled, enabled: true });
    expect((await call('/v1/things', { key: KEYS.disabled })).status).toBe(200);
  });

  it('throttles with the plan token bucket (429 Too Many Requests)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('/v1/things', { key: KEYS.throttled })).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses).toContain(429);
    const r = await json(await call('/v1/things', { key: KEYS.throttled }));
    expect(r).toMatchObject({ status: 429, body: { message: 'Too Many Requests' } });
  });

  it('enforces the quota (429 Limit Exceeded)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('/v1/things', { key: KEYS.quota })).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(await json(await call('/v1/things', { key: KEYS.quota }))).toMatchObject({ status: 429, body: { message: 'Limit Exceeded' } });
  });

  it('serves the management API in the wire shapes of the AWS SDK', async () => {
    const list = await json(await fetch(`${emu.apigwManagementEndpoint}/apikeys?includeValues=true`));
    expect(list.body.item).toEqual(expect.arrayContaining([expect.objectContaining({ id: keyIds.good, value: KEYS.good, name: 'good', enabled: true })]));
    const client = new APIGatewayClient({ endpoint: emu.apigwManagementEndpoint, region: emu.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const { items = [] } = await client.send(new GetUsagePlansCommand({}));
    expect(items.find((p) => p.name === 'tiny')).toMatchObject({ id: emu.usagePlans.tiny, throttle: { rateLimit: 1, burstLimit: 2 } });
    expect(items.find((p) => p.name === 'quota')?.quota).toMatchObject({ limit: 3, period: 'DAY' });
    const key = await client.send(new CreateApiKeyCommand({ name: 'sdk', enabled: true }));
    expect(key.value).toHaveLength(40);
    expect(key.createdDate).toBeInstanceOf(Date);
    const planKey = await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: emu.usagePlans.generous, keyId: key.id, keyType: 'API_KEY' }));
    expect(planKey).toMatchObject({ id: key.id, type: 'API_KEY', value: key.value });
    await expect(client.send(new CreateUsagePlanKeyCommand({ usagePlanId: emu.usagePlans.tiny, keyId: key.id, keyType: 'API_KEY' }))).rejects.toMatchObject({ name: 'ConflictException' });
    client.destroy();
  });
});

describe('Lambda runtime', () => {
  it('reuses a warm environment: module state persists', async () => {
    const a = (await json(await call('/v1/open'))).body;
    const b = (await json(await call('/v1/open'))).body;
    expect(b.loadedAt).toBe(a.loadedAt);
    expect(b.invocations).toBe(a.invocations + 1);
  });

  it('times out, answers 502 and cold-starts the next invocation', async () => {
    const metrics = emu.functions[logicalId(emu.functions, 'SleeperFn')]!;
    const started = Date.now();
    const r = await json(await call('/v1/slow'));
    expect(r).toMatchObject({ status: 502, body: { message: 'Internal server error' } });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(metrics.timeouts).toBe(1);
    const ok = await json(await call('/v1/slow?ms=10'));
    expect(ok.status).toBe(200);
    expect(JSON.parse(JSON.stringify(ok.body))).toEqual({ invocations: 1 });
    expect(metrics.coldStarts).toBe(2);
    expect(metrics.initMs).toHaveLength(2);
  });

  it('counts the CPU its environments spend in invocations, not the time they wait', async () => {
    const metrics = emu.functions[logicalId(emu.functions, 'SleeperFn')]!;
    expect((await call('/v1/slow?ms=10')).status).toBe(200);
    const before = metrics.cpuMs;
    expect((await call('/v1/slow?ms=400')).status).toBe(200);
    const used = metrics.cpuMs - before;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(200);
  });

  it('invokes functions directly and reports handler errors as Lambda does', async () => {
    const result = await emu.invoke(logicalId(emu.functions, 'EchoFn'), { queryStringParameters: { crash: '1' } });
    expect(result).toMatchObject({ ok: false, error: { errorType: 'Error', errorMessage: 'handler crashed' } });
  });
});

describe('SQS event source mapping', () => {
  it('delivers batches, deletes successes and leaves failures to reach the DLQ', async () => {
    const sqs = new SQSClient({ endpoint: emu.sqsEndpoint, region: emu.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const queueUrl = emu.queues[logicalId(emu.queues, 'Queue')]!;
    const dlqUrl = emu.queues[logicalId(emu.queues, 'Dlq')]!;
    for (const [group, body] of [['a', { id: 'ok1' }], ['b', { id: 'bad', fail: true }], ['c', { id: 'ok2' }]] as const) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageGroupId: group, MessageBody: JSON.stringify(body) }));
    }
    const db = dynamoClient(emu.dynamodbEndpoint, emu.region);
    const table = Object.values(emu.tables)[0]!;
    for (const id of ['ok1', 'ok2']) {
      const item = await until(async () => (await db.send(new GetItemCommand({ TableName: table, Key: { PK: { S: `MSG#${id}` }, SK: { S: 'MSG' } } }))).Item);
      expect(item.source?.S).toMatch(/^arn:aws:sqs:us-east-1:000000000000:EmuTest-Queue/);
    }
    const dead = await until(async () => {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }));
      return Messages?.[0];
    });
    expect(JSON.parse(dead.Body!)).toEqual({ id: 'bad', fail: true });
    sqs.destroy();
    db.destroy();
  }, 30_000);
});

describe('start failures', () => {
  it('names the busy port and what wanted it, and stops what it had started', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    await expect(startEmulator({ ...app, ports: { dynamodb: port } })).rejects.toThrow(`Port ${port} is already in use; DynamoDB Local wanted it`);
    await new Promise((resolve) => blocker.close(resolve));
  }, 30_000);
});
