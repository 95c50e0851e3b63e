/**
 * The company tree on the single table: `CO#<co>` / `CO`, children listed through GSI1
 * `CO#<parent>#CHILDREN` / `CO#<co>` (ARCHITECTURE.md §4). The notify secret lives on the same
 * item (read by the notifier) and is never handed out by these reads.
 */
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import { Conflict } from '../../domain/errors.ts';
import type { Company } from '../../domain/tenancy.ts';
import type { CompanyStore } from '../tenancy-store.ts';
import { companyChildrenIndex, companyKey } from './keys.ts';
import { indexPartition } from './query-all.ts';
import { conditionalWrite } from './transactions.ts';

export interface TableAccess {
  /** A client and table of its own (local provisioning, tests); the function's environment otherwise. */
  client?: DynamoDBDocumentClient;
  tableName?: string;
}

/** The domain's view of a company item: the secret and the keys are dropped. */
function companyOf(item: Record<string, unknown>): Company {
  const { companyId, name, parentId, path, createdAt } = item as unknown as Company;
  return { companyId, name, ...(parentId ? { parentId } : {}), path: path ?? [companyId], createdAt };
}

export class DynamoCompanyStore implements CompanyStore {
  constructor(private readonly db: TableAccess = {}) {}

  private client = () => this.db.client ?? documentClient();
  private table = () => this.db.tableName ?? tableName();

  async insertCompany(company: Company, notifySecret: string) {
    const written = await conditionalWrite(
      this.client().send(
        new PutCommand({
          TableName: this.table(),
          Item: {
            ...companyKey(company.companyId),
            ...(company.parentId ? companyChildrenIndex(company.parentId, company.companyId) : {}),
            entity: 'company',
            ...company,
            notifySecret,
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

  setNotifySecret(companyId: string, notifySecret: string) {
    return conditionalWrite(
      this.client().send(
        new UpdateCommand({
          TableName: this.table(),
          Key: companyKey(companyId),
          UpdateExpression: 'SET notifySecret = :s',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':s': notifySecret },
        }),
      ),
    );
  }
}
