/**
 * A pass-through HTTP proxy that counts and times what goes through it: put in front of DynamoDB
 * Local and the Alipay sandbox, it shows how many round trips one create makes and how long each
 * takes, without touching the code under test. In front of DynamoDB it also asks for each
 * request's ConsumedCapacity (INDEXES) and records it, so capacity units are DynamoDB's own figures.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Call {
  /** DynamoDB's X-Amz-Target operation, or the request path. */
  operation: string;
  ms: number;
  /** Capacity units DynamoDB reports for the call (table and indexes), when it reports any. */
  units?: number;
  /** Of those, the units per index name (`GSI1`...). */
  indexUnits?: Record<string, number>;
  /** A single-item write's kind of item: its partition key's prefix (`PAY`, `STAT`...). */
  item?: string;
}

/** The operations that take ReturnConsumedCapacity. */
const CAPACITY_OPERATIONS = new Set([
  'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan',
  'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems',
]);
export const WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

interface Consumed {
  CapacityUnits?: number;
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

function unitsOf(consumed: Consumed | Consumed[] | undefined): Pick<Call, 'units' | 'indexUnits'> {
  if (!consumed) return {};
  let units = 0;
  const indexUnits: Record<string, number> = {};
  for (const c of Array.isArray(consumed) ? consumed : [consumed]) {
    units += c.CapacityUnits ?? 0;
    for (const [name, i] of Object.entries(c.GlobalSecondaryIndexes ?? {})) indexUnits[name] = (indexUnits[name] ?? 0) + (i.CapacityUnits ?? 0);
  }
  return { units, indexUnits };
}

function itemOf(body: Buffer): Pick<Call, 'item'> {
  const { Key, Item } = JSON.parse(body.toString('utf8'));
  const pk = (Key ?? Item)?.PK?.S;
  return typeof pk === 'string' ? { item: pk.split('#')[0] } : {};
}

const readAll = (stream: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

export async function startCountingProxy(upstream: string): Promise<{ url: string; calls: Call[]; reset(): void; close(): Promise<void> }> {
  const up = new URL(upstream);
  const calls: Call[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const started = performance.now();
    const target = req.headers['x-amz-target'];
    const operation = typeof target === 'string' ? target.split('.').pop()! : (req.url ?? '/').split('?')[0]!;
    let body = await readAll(req);
    const capacity = CAPACITY_OPERATIONS.has(operation);
    // DynamoDB Local does not check signatures, so the request can ask for its capacity here.
    if (capacity) body = Buffer.from(JSON.stringify({ ...JSON.parse(body.toString('utf8')), ReturnConsumedCapacity: 'INDEXES' }));
    const forward = request(
      {
        host: up.hostname,
        port: up.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: up.host, 'content-length': String(body.length) },
      },
      async (upRes) => {
        const answer = await readAll(upRes);
        res.writeHead(upRes.statusCode ?? 502, upRes.headers).end(answer);
        const consumed = capacity && upRes.statusCode === 200 ? unitsOf(JSON.parse(answer.toString('utf8')).ConsumedCapacity) : {};
        calls.push({ operation, ms: performance.now() - started, ...consumed, ...(capacity ? itemOf(body) : {}) });
      },
    );
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    reset: () => void calls.splice(0),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
