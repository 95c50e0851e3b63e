// AWS::Lambda::EventSourceMapping from a DynamoDB stream: polls the table's stream on DynamoDB
// Local (which serves the Streams API on its own endpoint) and hands batches to the function as
// Lambda's stream poller does: records in order per shard, the mapping's FilterCriteria applied
// (records that match no filter are skipped), a failed batch retried (halved when
// BisectBatchOnFunctionError) until MaximumRetryAttempts or MaximumRecordAgeInSeconds, then
// reported to the OnFailure SQS destination and skipped. With TumblingWindowInSeconds, each
// shard's batches carry the window's state (what the function returned last) and, once the window's
// time is up, a final invocation with isFinalInvokeForWindow, retried until it succeeds; a reply
// without `state` is a failed invocation, as Lambda has it.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { dynamoClient, LOCAL_CREDENTIALS } from './dynamodb.ts';
import type { Resolver } from './intrinsics.ts';
import type { FunctionPool } from './lambda/pool.ts';
import type { Poller } from './poller.ts';
import { props, resourcesOfType } from './template.ts';

/** What a stream mapping needs of a function pool. */
export type Invoker = Pick<FunctionPool, 'invoke'>;

interface StreamMapping {
  logicalId: string;
  /** The ARN the template names (what the function sees as eventSourceARN). */
  eventSourceArn: string;
  tableName: string;
  pool: Invoker;
  batchSize: number;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  filters: unknown[];
  /** -1: until the record is too old. */
  maxRetries: number;
  maxRecordAgeMs: number;
  bisect: boolean;
  onFailureQueueArn?: string;
  /** TumblingWindowInSeconds in ms; 0: no window. */
  windowMs: number;
}

/** A shard's open tumbling window. */
interface Window {
  start: number;
  end: number;
  state: unknown;
}

/** Lambda polls each shard about four times a second. */
const POLL_MS = 250;
/**
 * How often the shard list is read again while no shard ended. Shards are new only after one
 * closes (DynamoDB rolls a shard over into children), so Lambda's poller lists them rarely, not at
 * each poll; DynamoDB Local spends more CPU on a DescribeStream than on an empty GetRecords.
 */
const DESCRIBE_EVERY_MS = 60_000;

/** Starts one loop per enabled DynamoDB stream mapping. */
export function startStreamPollers(
  resolver: Resolver,
  endpoints: { dynamodb: string; sqs: string },
  pools: ReadonlyMap<string, Invoker>,
  /** Mappings to these functions (logical ids) are left off, as if disabled (Enabled: false). */
  disabled: (functionLogicalId: string) => boolean = () => false,
): Poller {
  const region = resolver.account.region;
  const streams = new DynamoDBStreamsClient({ endpoint: endpoints.dynamodb, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const sqs = new SQSClient({ endpoint: endpoints.sqs, region, credentials: LOCAL_CREDENTIALS });
  const abort = new AbortController();
  const loops: Promise<void>[] = [];
  for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::Lambda::EventSourceMapping')) {
    const p = resolver.resolve(props(resource)) as Record<string, any>;
    const arn = String(p.EventSourceArn ?? '');
    if (!/^arn:aws:dynamodb:.*\/stream\//.test(arn) || p.Enabled === false) continue;
    const tableId =
      resolver.logicalIdOf('AWS::DynamoDB::Table', (t) => t.attributes.StreamArn === arn) ??
      resolver.logicalIdOf('AWS::DynamoDB::GlobalTable', (t) => t.attributes.StreamArn === arn);
    const functionId = resolver.logicalIdOf('AWS::Lambda::Function', (f) => {
      const name = String(p.FunctionName);
      return name === f.ref || name === f.attributes.Arn || name.startsWith(`${f.attributes.Arn}:`);
    });
    if (functionId && disabled(functionId)) continue;
    const pool = functionId && pools.get(functionId);
    if (!tableId || !pool) throw new Error(`${logicalId}: stream ${arn} or function ${p.FunctionName} is not in the template`);
    const onFailure = String(p.DestinationConfig?.OnFailure?.Destination ?? '');
    const mapping: StreamMapping = {
      logicalId,
      eventSourceArn: arn,
      tableName: resolver.ref(tableId),
      pool,
      batchSize: Number(p.BatchSize ?? 100),
      startingPosition: p.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
      filters: (p.FilterCriteria?.Filters ?? []).map((f: { Pattern: string }) => JSON.parse(f.Pattern)),
      maxRetries: Number(p.MaximumRetryAttempts ?? -1),
      maxRecordAgeMs: Number(p.MaximumRecordAgeInSeconds ?? -1) * 1000,
      bisect: p.BisectBatchOnFunctionError === true || p.BisectBatchOnFunctionError === 'true',
      onFailureQueueArn: onFailure.startsWith('arn:aws:sqs:') ? onFailure : undefined,
      windowMs: Number(p.TumblingWindowInSeconds ?? 0) * 1000,
    };
    const queueUrl = mapping.onFailureQueueArn
      ? resolver.ref(resolver.logicalIdOf('AWS::SQS::Queue', (q) => q.attributes.Arn === mapping.onFailureQueueArn) ?? '')
      : undefined;
    loops.push(streamLoop(mapping, { streams, sqs, queueUrl, endpoint: endpoints.dynamodb, region }, abort.signal));
  }
  return {
    async stop() {
      abort.abort();
      await Promise.all(loops);
      streams.destroy();
      sqs.destroy();
    },
  };
}

interface Clients {
  streams: DynamoDBStreamsClient;
  sqs: SQSClient;
  queueUrl: string | undefined;
  endpoint: string;
  region: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

async function streamLoop(mapping: StreamMapping, clients: Clients, signal: AbortSignal): Promise<void> {
  let streamArn: string | undefined;
  /** shard id → iterator; a shard seen and finished (closed, read to its end) maps to null. */
  const iterators = new Map<string, string | null>();
  let first = true;
  /** When the shard list is to be read again: at once, after a shard ended, and every DESCRIBE_EVERY_MS. */
  let describeAt = 0;
  /** shard id → its open tumbling window (windowed mappings only). */
  const windows = new Map<string, Window>();
  const closeWindow = async (shardId: string) => {
    await finishWindow(mapping, shardId, windows.get(shardId)!, signal);
    windows.delete(shardId);
  };
  while (!signal.aborted) {
    try {
      streamArn ??= await latestStreamArn(mapping, clients);
      if (Date.now() >= describeAt) {
        const { StreamDescription } = await clients.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }), { abortSignal: signal });
        for (const shard of StreamDescription?.Shards ?? []) {
          if (iterators.has(shard.ShardId!)) continue;
          // Shards that appear later (DynamoDB rolls them over) are read from their start.
          const type = first ? mapping.startingPosition : 'TRIM_HORIZON';
          const { ShardIterator } = await clients.streams.send(
            new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: type }),
          );
          iterators.set(shard.ShardId!, ShardIterator ?? null);
        }
        first = false;
        describeAt = Date.now() + DESCRIBE_EVERY_MS;
      }
      let read = 0;
      for (const [shardId, iterator] of iterators) {
        if (!iterator || signal.aborted) continue;
        const { Records = [], NextShardIterator } = await clients.streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: mapping.batchSize }),
          { abortSignal: signal },
        );
        read += Records.length;
        const records = Records.map((r) => lambdaRecord(r, mapping.eventSourceArn, clients.region)).filter((r) => matchesAny(mapping.filters, r));
        if (mapping.windowMs && windows.has(shardId) && Date.now() >= windows.get(shardId)!.end) await closeWindow(shardId);
        if (records.length > 0 && mapping.windowMs) {
          const start = Math.floor(Date.now() / mapping.windowMs) * mapping.windowMs;
          const window = windows.get(shardId) ?? { start, end: start + mapping.windowMs, state: {} };
          windows.set(shardId, window);
          window.state = await deliver(mapping, clients, records, signal, { shardId, window });
        } else if (records.length > 0) await deliver(mapping, clients, records, signal);
        iterators.set(shardId, NextShardIterator ?? null);
        // A shard that ended has children to find.
        if (!NextShardIterator) describeAt = 0;
      }
      // A window's time is up whether or not more records came.
      for (const [shardId, window] of windows) if (Date.now() >= window.end) await closeWindow(shardId);
      if (read === 0) await sleep(POLL_MS, signal);
    } catch (error) {
      if (signal.aborted) return;
      console.error(`emulator: ${mapping.logicalId} stream poller:`, error);
      await sleep(1000, signal);
    }
  }
}

/** The real ARN of the table's stream (DynamoDB Local names it by its creation time). */
async function latestStreamArn(mapping: StreamMapping, clients: Clients): Promise<string> {
  const ddb = dynamoClient(clients.endpoint, clients.region);
  try {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: mapping.tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`${mapping.logicalId}: table ${mapping.tableName} has no stream`);
    return Table.LatestStreamArn;
  } finally {
    ddb.destroy();
  }
}

/** Where a windowed batch belongs: its shard and window. */
interface InWindow {
  shardId: string;
  window: Window;
}

/** Lambda's stream event: the records, and under a tumbling window its state and place. */
const streamEvent = (mapping: StreamMapping, records: LambdaStreamRecord[], inWindow: InWindow | undefined, final = false) =>
  inWindow
    ? {
        Records: records,
        window: { start: new Date(inWindow.window.start).toISOString(), end: new Date(inWindow.window.end).toISOString() },
        state: inWindow.window.state,
        shardId: inWindow.shardId,
        eventSourceARN: mapping.eventSourceArn,
        isFinalInvokeForWindow: final,
        isWindowTerminatedEarly: false,
      }
    : { Records: records };

/** A windowed function must answer its state; without it the invocation failed. */
async function invokeFor(mapping: StreamMapping, event: object, windowed: boolean) {
  const result = await mapping.pool.invoke(event);
  if (!result.ok || !windowed) return result;
  const state = (result.payload as { state?: unknown } | null)?.state;
  if (state && typeof state === 'object') return { ok: true as const, state };
  return { ok: false as const, error: { errorType: 'InvalidStateResponse', errorMessage: 'a function under a tumbling window must answer { state }' } };
}

/**
 * Invokes until the batch succeeds or is given up on; halves a failing batch when asked to.
 * Answers the window's state after the batch (unchanged when the batch was given up on).
 */
async function deliver(mapping: StreamMapping, clients: Clients, records: LambdaStreamRecord[], signal: AbortSignal, inWindow?: InWindow): Promise<unknown> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    const result = await invokeFor(mapping, streamEvent(mapping, records, inWindow), inWindow !== undefined);
    if (result.ok) return 'state' in result ? result.state : undefined;
    const oldest = Math.min(...records.map((r) => r.dynamodb.ApproximateCreationDateTime * 1000));
    const tooOld = mapping.maxRecordAgeMs > 0 && Date.now() - oldest > mapping.maxRecordAgeMs;
    if ((mapping.maxRetries >= 0 && attempt >= mapping.maxRetries) || tooOld) {
      await reportFailure(mapping, clients, records, result.error.errorMessage);
      return inWindow?.window.state;
    }
    if (mapping.bisect && records.length > 1) {
      const half = Math.ceil(records.length / 2);
      const state = await deliver(mapping, clients, records.slice(0, half), signal, inWindow);
      return deliver(mapping, clients, records.slice(half), signal, inWindow && { ...inWindow, window: { ...inWindow.window, state } });
    }
    await sleep(Math.min(10_000, 200 * 2 ** attempt), signal);
  }
  return inWindow?.window.state;
}

/** The window's final invocation: Lambda holds the shard until it succeeds. */
async function finishWindow(mapping: StreamMapping, shardId: string, window: Window, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    const result = await invokeFor(mapping, streamEvent(mapping, [], { shardId, window }, true), true);
    if (result.ok) return;
    console.error(`emulator: ${mapping.logicalId} final invocation of a window failed: ${result.error.errorMessage}`);
    await sleep(Math.min(10_000, 200 * 2 ** attempt), signal);
  }
}

/** Lambda's on-failure record for a stream batch: where it was, not the records themselves. */
async function reportFailure(mapping: StreamMapping, clients: Clients, records: LambdaStreamRecord[], reason: string): Promise<void> {
  console.error(`emulator: ${mapping.logicalId} gave up on ${records.length} stream records: ${reason}`);
  if (!clients.queueUrl) return;
  const body = {
    requestContext: { condition: 'RetryAttemptsExhausted', functionArn: mapping.logicalId },
    DDBStreamBatchInfo: {
      streamArn: mapping.eventSourceArn,
      startSequenceNumber: records[0]!.dynamodb.SequenceNumber,
      endSequenceNumber: records.at(-1)!.dynamodb.SequenceNumber,
      batchSize: records.length,
    },
  };
  await clients.sqs.send(new SendMessageCommand({ QueueUrl: clients.queueUrl, MessageBody: JSON.stringify(body) }));
}

export interface LambdaStreamRecord {
  eventID?: string;
  eventName?: string;
  eventVersion?: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: { ApproximateCreationDateTime: number; SequenceNumber?: string; SizeBytes?: number; StreamViewType?: string } & Record<string, unknown>;
}

/** The record as Lambda's DynamoDB event has it: epoch seconds, binary attributes as base64. */
export function lambdaRecord(r: _Record, eventSourceArn: string, region: string): LambdaStreamRecord {
  const d = r.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime instanceof Date ? d.ApproximateCreationDateTime.getTime() : Date.now();
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: eventSourceArn,
    dynamodb: {
      ...(jsonSafe({ Keys: d.Keys, NewImage: d.NewImage, OldImage: d.OldImage }) as Record<string, unknown>),
      ApproximateCreationDateTime: Math.floor(created / 1000),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  };
}

function jsonSafe(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set) return [...value].map(jsonSafe);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

/** No filters: every record; else the record must match one (Lambda's event filtering). */
export function matchesAny(filters: unknown[], record: unknown): boolean {
  return filters.length === 0 || filters.some((f) => matches(f, record));
}

/**
 * The subset of EventBridge pattern syntax Lambda filters use here: nested objects, arrays of
 * exact values, and the `prefix`, `exists` and `anything-but` operators.
 */
function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((p) => matchesOne(p, value));
  if (pattern && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([k, p]) => matches(p, (value as Record<string, unknown>)[k]));
  }
  throw new Error(`filter pattern leaf must be an array: ${JSON.stringify(pattern)}`);
}

function matchesOne(p: unknown, value: unknown): boolean {
  if (p === null || typeof p !== 'object') return value === p;
  const op = p as Record<string, unknown>;
  if ('exists' in op) return (value !== undefined) === op.exists;
  if ('prefix' in op) return typeof value === 'string' && value.startsWith(String(op.prefix));
  if ('anything-but' in op) {
    const but = op['anything-but'];
    return value !== undefined && !(Array.isArray(but) ? but : [but]).includes(value);
  }
  throw new Error(`filter operator not supported by the local emulator: ${JSON.stringify(p)}`);
}
