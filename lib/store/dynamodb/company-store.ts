/**
 * The company tree on the single table: `CO#<co>` / `CO`, children listed through GSI1
 * `CO#<parent>#CHILDREN` / `CO#<co>` (ARCHITECTURE.md §4). The notify secret lives on the same
 * item, sealed like pay config secrets (lib/crypto/envelope.ts, the companyId as encryption
 * context) with its data key beside it; only the notifier opens it, and these reads never hand it out.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { KeyProvider, WrappedDataKey } from '../../crypto/envelope.ts';
import { Conflict } from '../../domain/errors.ts';
import type { Company } from '../../domain/tenancy.ts';
import type { CompanyStore } from '../tenancy-store.ts';
import { companyChildrenIndex, companyKey } from './keys.ts';
import { indexPartition } from './query-all.ts';
import { envelope, keysFromEnv } from './secrets.ts';
import { conditionalWrite } from './transactions.ts';

export interface TableAccess {
  /** A client and table of its own (local provisioning, tests); the function's environment otherwise. */
  client?: DynamoDBDocumentClient;
  tableName?: string;
}

export interface CompanyStoreOptions extends TableAccess {
  /** Seals and opens notify secrets; default the runtime's (lib/crypto/key-provider.ts). */
  keys?: KeyProvider;
}

/** The domain's view of a company item: the secret and the keys are dropped. */
function companyOf(item: Record<string, unknown>): Company {
  const { companyId, name, parentId, path, createdAt } = item as unknown as Company;
  return { companyId, name, ...(parentId ? { parentId } : {}), path: path ?? [companyId], createdAt };
}

export class DynamoCompanyStore implements CompanyStore {
  constructor(private readonly db: CompanyStoreOptions = {}) {}

  private client = () => this.db.client ?? documentClient();
  private table = () => this.db.tableName ?? tableName();
  private keys = async () => this.db.keys ?? keysFromEnv();

  /** The item's attributes for a notify secret: sealed under a fresh data key bound to the company. */
  private async sealed(companyId: string, notifySecret: string) {
    const [{ sealSecrets }, keys] = await Promise.all([envelope(), this.keys()]);
    const { fields, dataKey } = await sealSecrets(keys, { companyId }, { notifySecret }, ['notifySecret']);
    return { notifySecret: fields.notifySecret, dataKey };
  }

  async insertCompany(company: Company, notifySecret: string) {
    const sealed = await this.sealed(company.companyId, notifySecret);
    const written = await conditionalWrite(
      this.client().send(
        new PutCommand({
          TableName: this.table(),
          Item: {
            ...companyKey(company.companyId),
            ...(company.parentId ? companyChildrenIndex(company.parentId, company.companyId) : {}),
            entity: 'company',
            ...company,
            ...sealed,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    if (!written) throw new Conflict('company_exists', `Company ${company.companyId} exists`, 'companyId');
  }

  async getCompany(companyId: string) {
    const { Item } = await this.client().send(new GetCommand({ TableName: this.table(), Key: companyKey(companyId), ConsistentRead: true }));
    return Item ? companyOf(Item) : undefined;
  }

  async listChildren(companyId: string) {
    const items = await indexPartition('GSI1', this.table(), companyChildrenIndex(companyId, '').GSI1PK, this.client());
    return items.map(companyOf);
  }

  async setNotifySecret(companyId: string, notifySecret: string) {
    const sealed = await this.sealed(companyId, notifySecret);
    return conditionalWrite(
      this.client().send(
        new UpdateCommand({
          TableName: this.table(),
          Key: companyKey(companyId),
          UpdateExpression: 'SET notifySecret = :s, dataKey = :k',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':s': sealed.notifySecret, ':k': sealed.dataKey },
        }),
      ),
    );
  }

  /** The company's notify secret in clear, for signing; undefined when there is no such company or secret. */
  async openNotifySecret(companyId: string): Promise<string | undefined> {
    const { Item } = await this.client().send(
      new GetCommand({ TableName: this.table(), Key: companyKey(companyId), ProjectionExpression: 'notifySecret, dataKey' }),
    );
    const stored: unknown = Item?.notifySecret;
    // A company written before secrets were sealed keeps signing with its clear secret, with no
    // outage at the upgrade, until a rotation replaces it with a sealed one.
    if (typeof stored === 'string') return stored;
    const dataKey = Item?.dataKey as WrappedDataKey | undefined;
    if (stored === undefined || !dataKey) return undefined;
    const [{ openSecrets }, keys] = await Promise.all([envelope(), this.keys()]);
    const { notifySecret } = await openSecrets(keys, { companyId }, { notifySecret: stored }, dataKey);
    return typeof notifySecret === 'string' ? notifySecret : undefined;
  }
}
