/**
 * The member API on this machine: lib/members on the site's table in DynamoDB Local, its mails in
 * an outbox directory the local site shows at /dev/outbox.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { memberApi } from '../../lib/members/http.ts';
import { OutboxMailer } from '../../lib/members/outbox.ts';
import { memberRoutes } from '../../lib/members/routes.ts';
import { MemberService } from '../../lib/members/service.ts';
import { MemberStore } from '../../lib/members/store.ts';
import { ensureSiteTable } from '../../lib/status/store.ts';
import { LOCAL_SITE_TABLE } from './canary.ts';
import type { LocalMembers } from './site-server.ts';
import { clientConfig, type Target } from './target.ts';

export async function startMembers(target: Target, options: { outboxDir: string; tableName?: string }): Promise<LocalMembers & { service: MemberService }> {
  const tableName = options.tableName ?? LOCAL_SITE_TABLE;
  const client = new DynamoDBClient(clientConfig(target, 'dynamodb'));
  await ensureSiteTable(client, tableName);
  const outbox = new OutboxMailer(options.outboxDir);
  const service = new MemberService(new MemberStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName), outbox);
  return { service, outbox, handle: memberApi(service, memberRoutes(service)) };
}
