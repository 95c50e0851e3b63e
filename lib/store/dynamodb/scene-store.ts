/**
 * Scenes on the single table, under their company: `CO#<co>` / `SCENE#<code>`. A create reads its
 * scene through a per-container cache (as pay configs are): scenes change rarely, by admin writes.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { Scene } from '../../domain/tenancy.ts';
import type { SceneStore } from '../tenancy-store.ts';
import { TtlCache } from '../ttl-cache.ts';
import type { TableAccess } from './company-store.ts';
import { companyKey, sceneKey, withoutKeys } from './keys.ts';
import { conditionalWrite } from './transactions.ts';

const CACHE_MS = 60_000;

export class DynamoSceneStore implements SceneStore {
  private readonly cache = new TtlCache<Scene | undefined>(CACHE_MS);

  constructor(private readonly db: TableAccess = {}) {}

  private client = () => this.db.client ?? documentClient();
  private table = () => this.db.tableName ?? tableName();

  getScene(companyId: string, code: string) {
    return this.cache.get(`${companyId}#${code}`, async () => {
      const { Item } = await this.client().send(new GetCommand({ TableName: this.table(), Key: sceneKey(companyId, code) }));
      return Item ? withoutKeys<Scene>(Item) : undefined;
    });
  }

  async putScene(scene: Scene) {
    await this.client().send(new PutCommand({ TableName: this.table(), Item: { ...sceneKey(scene.companyId, scene.code), entity: 'scene', ...scene } }));
  }

  async listScenes(companyId: string) {
    const { Items = [] } = await this.client().send(
      new QueryCommand({
        TableName: this.table(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :scene)',
        ExpressionAttributeValues: { ':pk': companyKey(companyId).PK, ':scene': 'SCENE#' },
        ConsistentRead: true,
      }),
    );
    // A company has a handful of scenes: one page.
    return Items.map((i) => withoutKeys<Scene>(i));
  }

  deleteScene(companyId: string, code: string) {
    return conditionalWrite(
      this.client().send(
        new DeleteCommand({ TableName: this.table(), Key: sceneKey(companyId, code), ConditionExpression: 'attribute_exists(PK)' }),
      ),
    );
  }
}
