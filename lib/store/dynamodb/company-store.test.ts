// The company store against DynamoDB Local: what the item holds (never a clear notify secret),
// what the reads hand out, and the notify secret opened for signing, including one stored in clear
// before secrets were sealed.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient, startDynamo, type LocalDynamo } from '../../../infra/local/emulator/dynamodb.ts';
import { isSealedSecret } from '../../crypto/envelope.ts';
import { LocalKeyProvider, newLocalKey } from '../../crypto/local-key.ts';
import { newCompanyId } from '../../domain/ids.ts';
import type { Company } from '../../domain/tenancy.ts';
import { newNotifySecret } from '../../notify/signature.ts';
import { DynamoCompanyStore } from './company-store.ts';
import { companyKey } from './keys.ts';

const region = 'us-east-1';
const tableName = 'companies';
let dynamo: LocalDynamo;
let client: DynamoDBDocumentClient;
let store: DynamoCompanyStore;

beforeAll(async () => {
  dynamo = await startDynamo(0, '127.0.0.1', region);
  const raw = dynamoClient(dynamo.endpoint, region);
  const attributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  client = DynamoDBDocumentClient.from(raw);
  store = new DynamoCompanyStore({ client, tableName, keys: new LocalKeyProvider(newLocalKey()) });
});
afterAll(async () => {
  await dynamo?.stop();
});

const rawItem = async (companyId: string) => (await client.send(new GetCommand({ TableName: tableName, Key: companyKey(companyId) }))).Item!;

function company(parentId?: string): Company {
  const companyId = newCompanyId();
  return { companyId, name: 'Shop', ...(parentId ? { parentId, path: [parentId, companyId] } : { path: [companyId] }), createdAt: '2026-11-25T00:00:00.000Z' };
}

describe('the company store and the notify secret', () => {
  it('keeps the secret sealed on the item, never hands it out with the company, and opens it for signing', async () => {
    const parent = company();
    const child = company(parent.companyId);
    const [parentSecret, childSecret] = [newNotifySecret(), newNotifySecret()];
    await store.insertCompany(parent, parentSecret);
    await store.insertCompany(child, childSecret);

    const item = await rawItem(child.companyId);
    expect(JSON.stringify(item)).not.toContain(childSecret);
    expect(JSON.stringify(item)).not.toContain('whsec_');
    expect(isSealedSecret(item.notifySecret)).toBe(true);
    expect(item.dataKey).toEqual({ provider: 'local', wrapped: expect.any(String) });

    expect(await store.getCompany(child.companyId)).toEqual(child);
    expect(await store.listChildren(parent.companyId)).toEqual([child]);
    expect(await store.openNotifySecret(child.companyId)).toBe(childSecret);
    expect(await store.openNotifySecret(parent.companyId)).toBe(parentSecret);
  });

  it('rotates to a new sealed secret under a new data key', async () => {
    const c = company();
    const first = newNotifySecret();
    await store.insertCompany(c, first);
    const before = await rawItem(c.companyId);
    const second = newNotifySecret();
    expect(await store.setNotifySecret(c.companyId, second)).toBe(true);

    const after = await rawItem(c.companyId);
    expect(JSON.stringify(after)).not.toContain('whsec_');
    expect((after.dataKey as { wrapped: string }).wrapped).not.toBe((before.dataKey as { wrapped: string }).wrapped);
    expect(await store.openNotifySecret(c.companyId)).toBe(second);
    expect(await store.getCompany(c.companyId)).toEqual(c);

    const missing = newCompanyId();
    expect(await store.setNotifySecret(missing, newNotifySecret())).toBe(false);
    expect(await store.openNotifySecret(missing)).toBeUndefined();
  });

  it('signs with a clear secret stored before sealing until a rotation seals it', async () => {
    const c = company();
    const legacy = newNotifySecret();
    await client.send(new PutCommand({ TableName: tableName, Item: { ...companyKey(c.companyId), entity: 'company', ...c, notifySecret: legacy } }));
    expect(await store.openNotifySecret(c.companyId)).toBe(legacy);
    expect(await store.getCompany(c.companyId)).toEqual(c);

    const rotated = newNotifySecret();
    await store.setNotifySecret(c.companyId, rotated);
    expect(JSON.stringify(await rawItem(c.companyId))).not.toContain('whsec_');
    expect(await store.openNotifySecret(c.companyId)).toBe(rotated);
  });

  it("refuses a sealed secret copied onto another company's item", async () => {
    const [a, b] = [company(), company()];
    await store.insertCompany(a, newNotifySecret());
    await store.insertCompany(b, newNotifySecret());
    expect(await store.openNotifySecret(a.companyId)).toEqual(expect.stringMatching(/^whsec_/));
    const { notifySecret, dataKey } = await rawItem(a.companyId);
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: companyKey(b.companyId),
        UpdateExpression: 'SET notifySecret = :s, dataKey = :k',
        ExpressionAttributeValues: { ':s': notifySecret, ':k': dataKey },
      }),
    );
    await expect(store.openNotifySecret(b.companyId)).rejects.toThrow(`the data key of company ${b.companyId} does not unwrap`);
  });
});
