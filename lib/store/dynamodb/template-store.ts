/** Pay config templates on the single table: `TPL#<channel>#<mode>` / `TPL`, all listed through GSI1. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { PayTemplate } from '../../config/templates.ts';
import type { PayTemplateStore } from '../config-store.ts';
import { payTemplateKey, TEMPLATES_PARTITION, withoutKeys } from './keys.ts';
import { indexPartition } from './query-all.ts';
import { conditionalWrite } from './transactions.ts';

export class DynamoTemplateStore implements PayTemplateStore {
  /** A client and table of its own (the local stack's seeding); the function's environment otherwise. */
  constructor(private readonly db: { client?: DynamoDBDocumentClient; tableName?: string } = {}) {}

  private client = () => this.db.client ?? documentClient();
  private table = () => this.db.tableName ?? tableName();

  putTemplate(template: PayTemplate) {
    return conditionalWrite(
      this.client().send(
        new PutCommand({
          TableName: this.table(),
          Item: {
            ...payTemplateKey(template.channel, template.mode),
            GSI1PK: TEMPLATES_PARTITION,
            GSI1SK: `${template.channel}#${template.mode}`,
            entity: 'payTemplate',
            ...template,
            updatedAt: new Date().toISOString(),
          },
          // Idempotent: an unchanged template is not rewritten (its updatedAt says when it last changed).
          ConditionExpression: 'attribute_not_exists(PK) OR version <> :version',
          ExpressionAttributeValues: { ':version': template.version },
        }),
      ),
    );
  }

  async getTemplate(channel: string, mode: string) {
    const { Item } = await this.client().send(new GetCommand({ TableName: this.table(), Key: payTemplateKey(channel, mode) }));
    return Item ? template(Item) : undefined;
  }

  async listTemplates() {
    return (await indexPartition('GSI1', this.table(), TEMPLATES_PARTITION, this.client())).map(template);
  }
}

function template(item: Record<string, unknown>): PayTemplate {
  const { updatedAt: _updatedAt, ...rest } = withoutKeys<PayTemplate & { updatedAt: string }>(item);
  return rest;
}
