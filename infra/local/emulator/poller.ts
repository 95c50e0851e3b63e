// AWS::Lambda::EventSourceMapping from an SQS queue: long-polls the queue and hands batches to the
// function as Lambda's SQS poller does, deleting what succeeded and leaving the rest to reappear
// after the visibility timeout (and to reach the DLQ through the queue's own redrive policy).
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { Resolver } from './intrinsics.ts';
import type { FunctionPool } from './lambda/pool.ts';
import { props, resourcesOfType } from './template.ts';

export interface Poller {
  stop(): Promise<void>;
}

interface Mapping {
  logicalId: string;
  queueArn: string;
  queueUrl: string;
  pool: FunctionPool;
  batchSize: number;
  windowMs: number;
  reportFailures: boolean;
  pollers: number;
}

/** Starts one polling loop set per enabled SQS mapping. Other event sources are not emulated. */
export function startPollers(resolver: Resolver, sqsEndpoint: string, pools: Map<string, FunctionPool>): Poller {
  const client = new SQSClient({
    endpoint: sqsEndpoint,
    region: resolver.account.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const abort = new AbortController();
  const loops: Promise<void>[] = [];
  for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::Lambda::EventSourceMapping')) {
    const p = resolver.resolve(props(resource)) as Record<string, any>;
    const queueArn = String(p.EventSourceArn ?? '');
    if (!queueArn.startsWith('arn:aws:sqs:') || p.Enabled === false) continue;
    const queueId = resolver.logicalIdOf('AWS::SQS::Queue', (q) => q.attributes.Arn === queueArn);
    const functionId = resolver.logicalIdOf('AWS::Lambda::Function', (f) => matchesFunction(String(p.FunctionName), f));
    const pool = functionId && pools.get(functionId);
    if (!queueId || !pool) throw new Error(`${logicalId}: queue ${queueArn} or function ${p.FunctionName} is not in the template`);
    const mapping: Mapping = {
      logicalId,
      queueArn,
      queueUrl: resolver.ref(queueId),
      pool,
      batchSize: Number(p.BatchSize ?? 10),
      windowMs: Number(p.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      reportFailures: (p.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      // Lambda starts with five pollers per SQS mapping; MaximumConcurrency caps the invocations.
      pollers: Math.min(5, Number(p.ScalingConfig?.MaximumConcurrency ?? 5)),
    };
    for (let i = 0; i < mapping.pollers; i++) loops.push(pollLoop(client, mapping, abort.signal, resolver.account.region));
  }
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
      client.destroy();
    },
  };
}

/** FunctionName may be a name, a function ARN or a qualified (alias/version) ARN. */
function matchesFunction(nameOrArn: string, fn: { ref: string; attributes: Record<string, string> }): boolean {
  return nameOrArn === fn.ref || nameOrArn === fn.attributes.Arn || nameOrArn.startsWith(`${fn.attributes.Arn}:`);
}

async function pollLoop(client: SQSClient, mapping: Mapping, signal: AbortSignal, region: string): Promise<void> {
  while (!signal.aborted) {
    try {
      const messages = await receiveBatch(client, mapping, signal);
      if (messages.length === 0) continue;
      const result = await mapping.pool.invoke({ Records: messages.map((m) => toRecord(m, mapping.queueArn, region)) });
      const failed = result.ok ? failedIds(result.payload, messages, mapping.reportFailures) : new Set(messages.map((m) => m.MessageId!));
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      // SQS deletes ten at most per call; a batch may be up to BatchSize (10,000 with a batching window).
      for (let i = 0; i < done.length; i += 10) {
        await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: mapping.queueUrl,
            Entries: done.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    } catch (error) {
      if (signal.aborted) return;
      console.error(`emulator: ${mapping.logicalId} poller:`, error);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Long-polls up to BatchSize messages, waiting at most MaximumBatchingWindowInSeconds to fill the batch. */
async function receiveBatch(client: SQSClient, mapping: Mapping, signal: AbortSignal): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + mapping.windowMs;
  do {
    const remaining = mapping.batchSize - messages.length;
    const waitSeconds = messages.length === 0 ? 20 : Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: mapping.queueUrl,
        MaxNumberOfMessages: Math.min(10, remaining),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    messages.push(...Messages);
    if (Messages.length === 0 && messages.length > 0) break;
  } while (messages.length < mapping.batchSize && Date.now() < deadline);
  return messages;
}

/**
 * The records to keep. Without ReportBatchItemFailures any successful return deletes the whole
 * batch; with it, listed ids are kept, and a malformed response fails the whole batch (as Lambda
 * treats an unknown or empty itemIdentifier).
 */
function failedIds(payload: unknown, messages: Message[], reportFailures: boolean): Set<string> {
  const failures = (payload as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (!reportFailures || failures == null) return new Set();
  const ids = new Set(messages.map((m) => m.MessageId!));
  const listed = Array.isArray(failures) ? failures.map((f) => (f as { itemIdentifier?: unknown })?.itemIdentifier) : [undefined];
  if (listed.some((id) => typeof id !== 'string' || !ids.has(id))) return ids;
  return new Set(listed as string[]);
}

/** The record shape of Lambda's SQS event. */
function toRecord(m: Message, queueArn: string, region: string) {
  const messageAttributes: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      stringValue: a.StringValue,
      binaryValue: a.BinaryValue ? Buffer.from(a.BinaryValue).toString('base64') : undefined,
      stringListValues: a.StringListValues ?? [],
      binaryListValues: (a.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: a.DataType,
    };
  }
  return {
    messageId: m.MessageId,
    receiptHandle: m.ReceiptHandle,
    body: m.Body,
    attributes: m.Attributes ?? {},
    messageAttributes,
    md5OfBody: m.MD5OfBody,
    ...(m.MD5OfMessageAttributes ? { md5OfMessageAttributes: m.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
