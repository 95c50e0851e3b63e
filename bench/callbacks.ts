/**
 * Callbacks applied per second (signed Alipay notify → callback Lambda → SQS FIFO → status
 * worker → the payment's conditional UpdateItem), beside the raw rate of what each one minimally
 * needs on the same emulators: SQS SendMessage + ReceiveMessage + DeleteMessage and one DynamoDB
 * UpdateItem.
 */
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { createMerchant } from '../infra/local/merchants.ts';
import type { LocalStack } from '../infra/local/local-stack.ts';
import { clientConfig } from '../infra/local/target.ts';
import { cpuByProcess, cpuByThread, cpuSince, threadCpuSince } from './cpu.ts';
import { pool } from './pool.ts';
import { providerHttp as http } from '../lib/http/provider-http.ts';

export async function queueDepth(sqs: SQSClient, QueueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `count` payments created, then their signed paid notifies delivered `concurrency` at a time:
 * callbacks applied per second (until the callbacks queue is empty, every payment SUCCEEDED) and
 * the CPU that took, until `settled` too when given (what the callbacks set going downstream).
 */
export async function appliedCallbacks(local: LocalStack, count: number, concurrency: number, settled?: () => Promise<void>) {
  const { target } = local;
  const merchant = await createMerchant(target, { name: 'bench-callbacks' });
  const json = async (url: string, request: { body: string; headers: Record<string, string> }) =>
    JSON.parse((await http(url, { method: 'POST', timeoutMs: 30_000, ...request })).body);
  const payNos = await pool(count, concurrency, async () => {
    const res = await json(`${target.apiUrl}/v1/payments`, {
      headers: { 'x-api-key': merchant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'alipay.qr', outTradeNo: `CB${Math.random().toString(36).slice(2)}`, subject: 'bench', amount: 1999, currency: 'CNY' }),
    });
    return res.payNo as string;
  });
  const bodies = await pool(count, concurrency, async (i) => {
    const res = await json(`${target.sandbox!.alipay.url}/sandbox/trades/${payNos[i]}/notifications`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tradeStatus: 'TRADE_SUCCESS', send: false }),
    });
    return res.body as string;
  });

  const cpu = cpuByProcess();
  const threads = cpuByThread(local.emulator);
  const started = performance.now();
  await pool(count, concurrency, async (i) => {
    const res = await http(`${target.apiUrl}/callbacks/alipay/${merchant.payId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: bodies[i]!,
      timeoutMs: 30_000,
    });
    if (res.body !== 'success') throw new Error(`callback answered ${res.status}`);
  });
  // Applied = the callbacks queue is empty (a message is deleted once its event is applied). The
  // queue's attributes are one cheap call; polling the payments would load DynamoDB meanwhile.
  const sqs = new SQSClient(clientConfig(target, 'sqs'));
  await waitFor(async () => (await queueDepth(sqs, target.queues!.callbacks)) === 0, 120_000);
  const appliedRate = count / ((performance.now() - started) / 1000);
  await settled?.();
  const appliedCpu = cpuSince(cpu);
  const appliedThreads = threadCpuSince(local.emulator, threads, count);
  const ddb = new DynamoDBClient(clientConfig(target, 'dynamodb'));
  const doc = DynamoDBDocumentClient.from(ddb);
  const statuses = await pool(count, concurrency, async (i) =>
    (await doc.send(new GetCommand({ TableName: target.tableName, Key: { PK: `PAY#${payNos[i]}`, SK: 'PAY' }, ConsistentRead: true }))).Item?.status,
  );
  const notApplied = statuses.filter((s) => s !== 'SUCCEEDED').length;
  if (notApplied) throw new Error(`${notApplied} payments were not SUCCEEDED after their callbacks`);
  return { appliedRate, appliedCpu, appliedThreads, payNos, merchant, sqs, ddb };
}

export async function benchCallbacks(local: LocalStack, count: number, concurrency: number) {
  const { target } = local;
  // A first round warms every callback and status-worker environment, as the creates' first round
  // does theirs: an environment's first calls load what it imports lazily (the channel, the AWS
  // SDK's http agent), which the measured round would otherwise pay.
  await appliedCallbacks(local, count, concurrency);
  const { appliedRate, appliedCpu, appliedThreads, payNos, sqs, ddb } = await appliedCallbacks(local, count, concurrency);
  // Raw: the same work without payee, on the same fauxqs and DynamoDB Local.
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-raw-${Date.now()}.fifo`, Attributes: { FifoQueue: 'true' } }));
  const cpu = cpuByProcess();
  const rawStarted = performance.now();
  let received = 0;
  await Promise.all([
    pool(count, concurrency, async (i) => {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: payNos[i]!, MessageGroupId: payNos[i]!, MessageDeduplicationId: payNos[i]! }));
    }),
    pool(concurrency, concurrency, async () => {
      while (received < count) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        await Promise.all(
          Messages.map((m) =>
            ddb.send(
              new UpdateItemCommand({
                TableName: target.tableName,
                Key: { PK: { S: `RAW#${m.Body}` }, SK: { S: 'RAW' } },
                UpdateExpression: 'SET #s = :s',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':s': { S: 'SUCCEEDED' } },
              }),
            ),
          ),
        );
        if (Messages.length) {
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
        }
        received += Messages.length;
      }
    }),
  ]);
  const rawRate = count / ((performance.now() - rawStarted) / 1000);
  return { appliedRate, rawRate, appliedCpu, appliedThreads, rawCpu: cpuSince(cpu) };
}
