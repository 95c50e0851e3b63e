/**
 * The pay config write path (validated → sealed → conditional write). Apart from the config
 * store's reads: the functions on the request path only read, and even a lazily loaded write path
 * would cost them bytes at cold start (the chunks it shares with the handler).
 */
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
import { documentClient, tableName } from '../../aws/dynamodb.ts';
import type { ValidatedPayConfig } from '../../config/validate-pay-config.ts';
import { sealSecrets, type KeyProvider } from '../../crypto/envelope.ts';
import { keyProviderFromEnv } from '../../crypto/key-provider.ts';
import { Conflict, NotFound } from '../../domain/errors.ts';
import { payConfigIndexKeys, payConfigKey } from './keys.ts';
import type { ConfigStoreOptions } from './config-store.ts';
import { conditionalWrite } from './transactions.ts';

export class DynamoConfigWriter {
  constructor(private readonly options: ConfigStoreOptions = {}) {}

  /**
   * Writes a config that passed validatePayConfig, its secrets sealed under a fresh data key.
   * `create` refuses an existing payId (Conflict); `replace` needs the payId to exist for the same
   * company and channel (NotFound otherwise) and keeps its createdAt. Other containers see the
   * change when their config cache entry expires (a minute).
   */
  async putPayConfig(input: ValidatedPayConfig, write: 'create' | 'replace' = 'create'): Promise<void> {
    await putPayConfig(
      { client: this.options.client ?? documentClient(), tableName: this.options.tableName ?? tableName(), keys: this.options.keys ?? keyProviderFromEnv(SignatureV4) },
      input,
      write,
    );
  }
}

async function putPayConfig(
  db: { client: DynamoDBDocumentClient; tableName: string; keys: KeyProvider },
  input: ValidatedPayConfig,
  write: 'create' | 'replace',
): Promise<void> {
  const { payId, companyId, channel, mode, status } = input;
  const { fields: config, dataKey } = await sealSecrets(db.keys, { payId }, input.config, input.secretFields);
  const now = new Date().toISOString();
  if (write === 'create') {
    const written = await conditionalWrite(
      db.client.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...payConfigKey(payId), ...payConfigIndexKeys(companyId, channel, payId), entity: 'payConfig', payId, companyId, channel, mode, status, config, dataKey, createdAt: now, updatedAt: now },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    if (!written) throw new Conflict('pay_config_exists', `Pay config ${payId} exists`, 'payId');
    return;
  }
  const written = await conditionalWrite(
    db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: payConfigKey(payId),
        UpdateExpression: 'SET config = :config, dataKey = :dataKey, #mode = :mode, #status = :status, updatedAt = :now',
        ConditionExpression: 'companyId = :companyId AND channel = :channel',
        ExpressionAttributeNames: { '#mode': 'mode', '#status': 'status' },
        ExpressionAttributeValues: { ':config': config, ':dataKey': dataKey, ':mode': mode, ':status': status, ':now': now, ':companyId': companyId, ':channel': channel },
      }),
    ),
  );
  if (!written) throw new NotFound('pay config', 'payId');
}
