/**
 * Members in the site's table (the canary's table, apart from the tenants'). Items:
 *   USR#<id> / INFO           usr_info: e-mail, password hash, verified, role, parent, plan
 *   USR#<id> / ONLINE         usr_online: last login and logout
 *   USR#<parent> / CHILD#<id> a sub-user of the account
 *   USR#<id> / EXT#<p>        usr_ext_<p>: a third-party login linked to the user
 *   EMAIL#<e-mail> / EMAIL    the e-mail's user (one account per e-mail)
 *   EXTID#<p>#<subject> / EXT the user a provider's user id logs in as
 *   SESSION#<sha256> / SESSION, ONCE#<sha256> / ONCE  sessions and single-use tokens, by hash only
 *   RATE#<key> / <window>     failed logins counted per window
 *   USR#<account> / COMPANY#<id>, NOTIFY#<id>#<at>  sandbox companies and test notification attempts
 *   ORDER#<outTradeNo> / ORDER  a support plan bought through payee
 *   CONFIG / TOKEN_KEY        the key that signs verification links and OAuth state
 * Expiring items carry `expiresAt` (Unix seconds, the table's TTL attribute), also checked on read.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { queryAll } from '../store/dynamodb/query-all.ts';
import type { Role } from './roles.ts';

export interface User {
  userId: string;
  email: string;
  /** Absent for a user who signed up through a third-party login or has not yet accepted an invitation. */
  passwordHash?: string;
  verified: boolean;
  role: Role;
  parentId?: string;
  createdAt: string;
  plan?: { id: string; activeUntil: string };
  /** Sessions opened before this time (ms) are over: set when the password is set (a reset ends every other login). */
  sessionsFrom?: number;
}

export interface Online {
  lastLoginAt?: string;
  lastLoginIp?: string;
  lastLogoutAt?: string;
}

export interface Child {
  userId: string;
  email: string;
  role: Role;
}

export interface ExtLink {
  provider: string;
  subject: string;
  linkedAt: string;
  /** The provider's other ids (WeChat's openid and unionid). */
  ids: Record<string, string>;
}

/** A member's sandbox company as the site keeps it: its key and notify secret too, never shown after creation. */
export interface CompanyItem {
  companyId: string;
  name: string;
  apiKeyId: string;
  apiKey: string;
  notifySecret: string;
  payId: string;
  createdAt: string;
}

/** A support plan bought through payee: paid when payee's signed notification says so. */
export interface Order {
  outTradeNo: string;
  payNo: string;
  account: string;
  planId: string;
  amount: number;
  currency: string;
  months: number;
  status: 'PENDING' | 'PAID';
  createdAt: string;
  paidAt?: string;
}

export type OncePurpose = 'reset' | 'invite';

const nowS = () => Math.floor(Date.now() / 1000);
const alive = (item: Record<string, any> | undefined) => (item && (item.expiresAt === undefined || item.expiresAt > nowS()) ? item : undefined);
const userKey = (userId: string) => ({ PK: `USR#${userId}`, SK: 'INFO' });
const isConditionFailure = (err: unknown) =>
  err instanceof ConditionalCheckFailedException || (err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));

export class MemberStore {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  private async get(key: { PK: string; SK: string }): Promise<Record<string, any> | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return alive(Item);
  }

  /** Creates the user, its e-mail claim and, for a sub-user, the parent's child link; false when the e-mail is taken. */
  async createUser(user: User): Promise<boolean> {
    const Put = (Item: Record<string, unknown>, unique = true) => ({ Put: { TableName: this.tableName, Item, ...(unique ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}) } });
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            Put({ PK: `EMAIL#${user.email}`, SK: 'EMAIL', userId: user.userId }),
            Put({ ...userKey(user.userId), kind: 'usr_info', ...user }),
            ...(user.parentId ? [Put({ PK: `USR#${user.parentId}`, SK: `CHILD#${user.userId}`, userId: user.userId, email: user.email, role: user.role }, false)] : []),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async user(userId: string): Promise<User | undefined> {
    const item = await this.get(userKey(userId));
    return item && toUser(item);
  }

  async userByEmail(email: string): Promise<User | undefined> {
    const claim = await this.get({ PK: `EMAIL#${email}`, SK: 'EMAIL' });
    return claim ? this.user(claim.userId) : undefined;
  }

  async markVerified(userId: string): Promise<void> {
    await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: userKey(userId), UpdateExpression: 'SET verified = :t', ConditionExpression: 'attribute_exists(PK)', ExpressionAttributeValues: { ':t': true } }));
  }

  /** Sets the password and ends the user's sessions opened before; a user who proved the e-mail by it (reset, invitation) is verified too. */
  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: userKey(userId),
        UpdateExpression: 'SET passwordHash = :h, verified = :t, sessionsFrom = :from',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':h': passwordHash, ':t': true, ':from': Date.now() },
      }),
    );
  }

  async setPlan(userId: string, plan: { id: string; activeUntil: string }): Promise<void> {
    await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: userKey(userId), UpdateExpression: 'SET #plan = :p', ExpressionAttributeNames: { '#plan': 'plan' }, ExpressionAttributeValues: { ':p': plan } }));
  }

  async children(parentId: string): Promise<Child[]> {
    const items = await queryAll({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)', ExpressionAttributeValues: { ':pk': `USR#${parentId}`, ':c': 'CHILD#' } }, this.client);
    return items.map((i) => ({ userId: i.userId, email: i.email, role: i.role }));
  }

  async online(userId: string): Promise<Online> {
    const item = await this.get({ PK: `USR#${userId}`, SK: 'ONLINE' });
    return { lastLoginAt: item?.lastLoginAt, lastLoginIp: item?.lastLoginIp, lastLogoutAt: item?.lastLogoutAt };
  }

  async recordOnline(userId: string, change: { lastLoginAt: string; lastLoginIp: string } | { lastLogoutAt: string }): Promise<void> {
    const names = Object.keys(change);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `USR#${userId}`, SK: 'ONLINE' },
        UpdateExpression: `SET kind = :kind, ${names.map((n) => `${n} = :${n}`).join(', ')}`,
        ExpressionAttributeValues: { ':kind': 'usr_online', ...Object.fromEntries(Object.entries(change).map(([k, v]) => [`:${k}`, v])) },
      }),
    );
  }

  async putSession(hash: string, userId: string, issuedAt: number, expiresAt: number): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: `SESSION#${hash}`, SK: 'SESSION', userId, issuedAt, expiresAt } }));
  }

  async session(hash: string): Promise<{ userId: string; issuedAt: number } | undefined> {
    const item = await this.get({ PK: `SESSION#${hash}`, SK: 'SESSION' });
    return item ? { userId: item.userId, issuedAt: item.issuedAt ?? 0 } : undefined;
  }

  async deleteSession(hash: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { PK: `SESSION#${hash}`, SK: 'SESSION' } }));
  }

  async putOnce(hash: string, purpose: OncePurpose, userId: string, expiresAt: number): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: `ONCE#${hash}`, SK: 'ONCE', purpose, userId, expiresAt } }));
  }

  /** The token's user without spending it; undefined when absent, spent or expired. */
  async peekOnce(hash: string, purpose: OncePurpose): Promise<string | undefined> {
    const item = await this.get({ PK: `ONCE#${hash}`, SK: 'ONCE' });
    return item?.purpose === purpose ? item.userId : undefined;
  }

  /** The token's user, the token deleted in the same step (a second use finds nothing); undefined when absent, spent or expired. */
  async takeOnce(hash: string, purpose: OncePurpose): Promise<string | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { PK: `ONCE#${hash}`, SK: 'ONCE' },
          ConditionExpression: 'purpose = :p AND expiresAt > :now',
          ExpressionAttributeValues: { ':p': purpose, ':now': nowS() },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes?.userId;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  }

  /** Adds one to a counter of a window; the count after. */
  async count(key: string, window: number, expiresAt: number): Promise<number> {
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `RATE#${key}`, SK: String(window) },
        UpdateExpression: 'ADD #n :one SET expiresAt = :exp',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':one': 1, ':exp': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.n ?? 0);
  }

  async counted(key: string, window: number): Promise<number> {
    return Number((await this.get({ PK: `RATE#${key}`, SK: String(window) }))?.n ?? 0);
  }

  /** The key that signs tokens: made once by whichever request first needs it. */
  async signingKey(): Promise<Buffer> {
    const key = { PK: 'CONFIG', SK: 'TOKEN_KEY' };
    const found = await this.get(key);
    if (found) return Buffer.from(found.key, 'base64');
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...key, key: randomBytes(32).toString('base64') }, ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    return Buffer.from((await this.get(key))!.key, 'base64');
  }

  /** Links a provider's user to a member; false when that provider user is linked to someone already. */
  async link(userId: string, link: ExtLink): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { PK: `EXTID#${link.provider}#${link.subject}`, SK: 'EXT', userId }, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: this.tableName, Item: { PK: `USR#${userId}`, SK: `EXT#${link.provider}`, kind: `usr_ext_${link.provider}`, ...link } } },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async linkedUser(provider: string, subject: string): Promise<string | undefined> {
    return (await this.get({ PK: `EXTID#${provider}#${subject}`, SK: 'EXT' }))?.userId;
  }

  async links(userId: string): Promise<ExtLink[]> {
    const items = await queryAll({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)', ExpressionAttributeValues: { ':pk': `USR#${userId}`, ':e': 'EXT#' } }, this.client);
    return items.map((i) => ({ provider: i.provider, subject: i.subject, linkedAt: i.linkedAt, ids: i.ids }));
  }

  async putCompany(account: string, company: CompanyItem): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: `USR#${account}`, SK: `COMPANY#${company.companyId}`, ...company } }));
  }

  async companyItem(account: string, companyId: string): Promise<CompanyItem | undefined> {
    return (await this.get({ PK: `USR#${account}`, SK: `COMPANY#${companyId}` })) as CompanyItem | undefined;
  }

  async companyItems(account: string): Promise<CompanyItem[]> {
    return (await queryAll({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :c)', ExpressionAttributeValues: { ':pk': `USR#${account}`, ':c': 'COMPANY#' } }, this.client)) as CompanyItem[];
  }

  /** A test notification attempt, kept 30 days. */
  async putAttempt(account: string, companyId: string, attempt: { at: string }): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { PK: `USR#${account}`, SK: `NOTIFY#${companyId}#${attempt.at}#${randomBytes(3).toString('hex')}`, attempt, expiresAt: nowS() + 30 * 86_400 } }),
    );
  }

  /** The company's attempts, newest first. */
  async attempts(account: string, companyId: string): Promise<any[]> {
    const items = await queryAll({ TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)', ExpressionAttributeValues: { ':pk': `USR#${account}`, ':n': `NOTIFY#${companyId}#` }, ScanIndexForward: false }, this.client);
    return items.map((i) => i.attempt);
  }

  async putOrder(order: Order): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { PK: `ORDER#${order.outTradeNo}`, SK: 'ORDER', ...order }, ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  async order(outTradeNo: string): Promise<Order | undefined> {
    const item = await this.get({ PK: `ORDER#${outTradeNo}`, SK: 'ORDER' });
    if (!item) return undefined;
    const { PK: _pk, SK: _sk, ...order } = item;
    return order as Order;
  }

  /** PENDING → PAID; false when it was paid already (a notification delivered twice activates once). */
  async markOrderPaid(outTradeNo: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `ORDER#${outTradeNo}`, SK: 'ORDER' },
          UpdateExpression: 'SET #s = :paid, paidAt = :now',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':paid': 'PAID', ':pending': 'PENDING', ':now': new Date().toISOString() },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }
}

function toUser(item: Record<string, any>): User {
  const { userId, email, passwordHash, verified, role, parentId, createdAt, plan, sessionsFrom } = item;
  return { userId, email, passwordHash, verified, role, parentId, createdAt, plan, sessionsFrom };
}
