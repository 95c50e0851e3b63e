/**
 * Provisions a merchant the way payee's admin path does, through the real service APIs (API
 * Gateway's CreateApiKey / CreateUsagePlanKey, DynamoDB): it works the same against the local
 * stack, LocalStack and AWS. Used by `npm start` for the demo merchant and by the test suite for
 * merchants of its own.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { generateKeyPairSync } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { validatePayConfig } from '../../lib/config/validate-pay-config.ts';
import type { KeyProvider } from '../../lib/crypto/envelope.ts';
import { KmsKeyProvider } from '../../lib/crypto/kms-key.ts';
import { LocalKeyProvider } from '../../lib/crypto/local-key.ts';
import { createApiKey, type ApiKeyDeps } from '../../lib/admin/api-keys.ts';
import { createCompany } from '../../lib/admin/companies.ts';
import type { SceneDeps } from '../../lib/admin/scenes.ts';
import { AwsApiKeyGateway } from '../../lib/aws/api-key-gateway.ts';
import { newPayId } from '../../lib/domain/ids.ts';
import { DynamoApiKeyStore } from '../../lib/store/dynamodb/api-key-store.ts';
import { DynamoCompanyStore } from '../../lib/store/dynamodb/company-store.ts';
import { DynamoConfigStore } from '../../lib/store/dynamodb/config-store.ts';
import { DynamoConfigWriter } from '../../lib/store/dynamodb/config-writes.ts';
import { DynamoSceneStore } from '../../lib/store/dynamodb/scene-store.ts';
import { clientConfig, SANDBOX_CHANNELS, type SandboxChannel, type Target } from './target.ts';

export interface Merchant {
  companyId: string;
  apiKey: string;
  apiKeyId: string;
  payId: string;
  /** The Alipay app the merchant's config uses (registered with the sandbox when there is one). */
  alipay: { appId: string; sellerId: string; privateKeyPem: string; publicKeyPem: string };
  /** The pay config of each other channel the merchant was given (from its sandbox). */
  payIds: Partial<Record<SandboxChannel, string>>;
  /** The key of the HMAC in the Payee-Signature of the merchant's notifications. */
  notifySecret: string;
}

const clients = new Map<string, { ddb: DynamoDBDocumentClient; apigw: APIGatewayClient }>();
function clientsFor(target: Target) {
  const key = JSON.stringify([target.region, target.endpoints]);
  let c = clients.get(key);
  if (!c) {
    c = {
      ddb: DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(target, 'dynamodb'))),
      apigw: new APIGatewayClient(clientConfig(target, 'apigateway')),
    };
    clients.set(key, c);
  }
  return c;
}

/** What lib/admin/* needs, on the target's clients: the same calls in AWS and against the local stack. */
export function adminDepsFor(target: Target): ApiKeyDeps & SceneDeps {
  const { ddb, apigw } = clientsFor(target);
  const db = { client: ddb, tableName: target.tableName, keys: keysFor(target) };
  return {
    companies: new DynamoCompanyStore(db),
    apiKeys: new DynamoApiKeyStore(db),
    scenes: new DynamoSceneStore(db),
    configs: new DynamoConfigStore(db),
    gateway: new AwsApiKeyGateway(apigw),
    usagePlans: target.usagePlans,
    now: () => new Date(),
  };
}

/** Pay configs are written as payee's admin path writes them: validated, secrets sealed. */
function configWriterFor(target: Target, client: DynamoDBDocumentClient): DynamoConfigWriter {
  return new DynamoConfigWriter({ client, tableName: target.tableName, keys: keysFor(target) });
}

function keysFor(target: Target): KeyProvider {
  if (!target.secrets) throw new Error('The target names no secrets key (secrets.localKey or secrets.kmsKeyId): secrets cannot be sealed');
  return 'localKey' in target.secrets
    ? new LocalKeyProvider(target.secrets.localKey)
    : new KmsKeyProvider({ keyId: target.secrets.kmsKeyId, region: target.region, credentials: defaultProvider(), endpoint: target.endpoints?.kms, signer: SignatureV4 });
}

export async function createMerchant(
  target: Target,
  options: {
    name: string;
    tier?: string;
    /** The key that verifies "Alipay's" notifies; default the sandbox's (tests that sign notifies themselves set their own). */
    alipayPublicKeyPem?: string;
    /** Other channels to give the merchant a pay config for, from their sandboxes; default all that run. */
    channels?: SandboxChannel[];
    /** Make the company a child of this one (the company tree). */
    parentId?: string;
  },
): Promise<Merchant> {
  // The admin API's own functions (lib/admin/*), on this target's clients.
  const admin = adminDepsFor(target);
  const { companyId, notifySecret } = await createCompany(admin, { name: options.name, ...(options.parentId ? { parentId: options.parentId } : {}) });
  const { apiKeyId, value: apiKey } = await createApiKey(admin, { companyId, tier: options.tier ?? 'standard' });

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = {
    sellerId: `2088${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
    appId: `2021${String(Date.now()).slice(-8)}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  if (target.sandbox) {
    // The sandbox plays Alipay: it must know the app's public key to verify payee's signatures.
    const res = await fetch(`${target.sandbox.alipay.url}/sandbox/apps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: alipay.appId, appPublicKeyPem: alipay.publicKeyPem, sellerId: alipay.sellerId }),
    });
    if (!res.ok) throw new Error(`Alipay sandbox refused the app: ${res.status} ${await res.text()}`);
  }
  const payId = newPayId();
  const configs = configWriterFor(target, clientsFor(target).ddb);
  await configs.putPayConfig(
    validatePayConfig({
      payId,
      companyId,
      channel: 'alipay',
      config: {
        appId: alipay.appId,
        privateKey: alipay.privateKeyPem,
        alipayPublicKey: options.alipayPublicKeyPem ?? target.sandbox?.alipay.publicKeyPem,
        gatewayUrl: target.sandbox?.alipay.gatewayUrl,
        sellerId: alipay.sellerId,
      },
    }),
  );
  const payIds: Merchant['payIds'] = {};
  for (const channel of options.channels ?? SANDBOX_CHANNELS.filter((c) => target.sandbox?.[c])) {
    const sandbox = target.sandbox?.[channel];
    if (!sandbox) throw new Error(`No ${channel} sandbox in this target`);
    const channelPayId = newPayId();
    // The sandbox registers a merchant of its own and answers the pay config payee needs for it.
    const res = await fetch(`${sandbox.url}/sandbox/merchants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ webhookUrl: `${target.apiUrl}/callbacks/${channel}/${channelPayId}` }),
    });
    if (!res.ok) throw new Error(`${channel} sandbox refused the merchant: ${res.status} ${await res.text()}`);
    const { payeeConfig } = (await res.json()) as { payeeConfig: Record<string, unknown> };
    await configs.putPayConfig(validatePayConfig({ payId: channelPayId, companyId, channel, config: payeeConfig }));
    payIds[channel] = channelPayId;
  }
  return { companyId, apiKey, apiKeyId, payId, alipay, payIds, notifySecret };
}
