/**
 * The whole gateway on this machine: synthesize the CDK app, bring up what its template
 * describes (emulator), start the provider sandboxes, seed a demo merchant. Used by `npm start`
 * and by the integration suite.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedPayTemplates } from '../../lib/config/templates.ts';
import { LOCAL_KEY_ENV } from '../../lib/crypto/key-provider.ts';
import { newLocalKey } from '../../lib/crypto/local-key.ts';
import { DynamoTemplateStore } from '../../lib/store/dynamodb/template-store.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../../lib/notify/schedule.ts';
import { synthApp } from '../stacks/app.ts';
import { startEmulator } from './emulator/index.ts';
import { step, type Progress } from './emulator/progress.ts';
import { startAlipaySandbox } from './sandbox/alipay/index.ts';
import { startPayPalSandbox } from './sandbox/paypal/index.ts';
import { startUnionpaySandbox } from './sandbox/unionpay/index.ts';
import { startWechatSandbox } from './sandbox/wechat/index.ts';
import { startChatStandIn } from './chat-stand-in.ts';
import { createMerchant } from './merchants.ts';
import { clientConfig, type Target } from './target.ts';

export const LOCAL_TENANT = 'local';
export const LOCAL_REGION = 'us-east-1';

/**
 * Merchant notifications on this machine: http and local addresses allowed (the merchant's test
 * server is here), the ~24 h retry schedule compressed to minutes (each wait in seconds instead of
 * minutes: 1 s, 5 s, 5 s, 10 s ...), and a 2 s attempt timeout, so retries show in seconds.
 */
export const LOCAL_NOTIFY_ENV = {
  NOTIFY_URL_POLICY: 'local',
  NOTIFY_RETRY_SCHEDULE: DEFAULT_RETRY_SCHEDULE.map((s) => Math.max(1, Math.round(s / 60))).join(','),
  NOTIFY_ATTEMPT_TIMEOUT_MS: '2000',
};

/** The local stack's tenant enables every plugin: the chat robot is the stand-in, the risk limits low enough to try. */
export const localPlugins = (chatUrl: string) => ({
  'chat-alert': { url: `${chatUrl}/wecom`, format: 'wecom' },
  'accounting-export': {},
  'risk-rule': { maxAmount: 1_000_000, maxPerPayer: 5, windowMinutes: 10 },
});

export interface LocalStackOptions {
  /** Fixed ports for `npm start` (base, base+1, ...); 0 = random ports, for tests. */
  basePort?: number;
  host?: string;
  /** Cloud assembly directory. */
  outdir?: string;
  /** Where the sandboxes keep their key files; none = in memory. */
  stateDir?: string;
  verbose?: boolean;
  /** Fixed ports for single services, over basePort (the benchmark puts a proxy before DynamoDB). */
  ports?: { api?: number; dynamodb?: number; sqs?: number; apigwManagement?: number };
  /** Extra environment for every function (see EmulatorOptions.functionEnv). */
  functionEnv?: Record<string, string>;
  /** Keep DynamoDB Local's data in this directory across starts; none: in memory (see EmulatorOptions). */
  dataDir?: string;
  /** Told when each start-up step is done, with its duration. */
  progress?: Progress;
  /** See EmulatorOptions.disabledStreamConsumers. */
  disabledStreamConsumers?: readonly string[];
  /** A stack without the plugins the local tenant enables (the bench measures the payment path apart from them). */
  withoutPlugins?: boolean;
}

export interface LocalStack {
  target: Target & { demo: NonNullable<Target['demo']> };
  emulator: Awaited<ReturnType<typeof startEmulator>>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const port = (offset: number) => (options.basePort ? options.basePort + offset : 0);
  const outdir = resolve(options.outdir ?? 'cdk.out');
  const { progress } = options;
  // Before synthesis: the chat alert plugin's settings name its address.
  const chat = await step('chat robot stand-in (chat alert plugin)', () => startChatStandIn({ host: options.host, port: port(24) }), progress);
  const { assembly, stackName } = await step(
    'CDK synthesis and Lambda bundles',
    () => synthApp({ tenant: LOCAL_TENANT, outdir, stack: { plugins: options.withoutPlugins ? {} : localPlugins(chat.url) } }),
    progress,
  ).catch(async (error: unknown) => {
    await chat.close();
    throw error;
  });
  const stack = assembly.getStackByName(stackName);

  const sandboxDir = (provider: string) => options.stateDir && join(options.stateDir, 'sandbox', provider);
  const stops: (() => Promise<void>)[] = [];
  stops.push(() => chat.close());
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const sandbox = async <T extends { close(): Promise<void> }>(name: string, start: () => Promise<T>) => {
      const started = await step(`${name} sandbox`, start, progress);
      stops.push(() => started.close());
      return started;
    };
    const alipay = await sandbox('Alipay', () => startAlipaySandbox({ host: options.host, port: port(20), keyDir: sandboxDir('alipay') }));
    const others = {
      wechat: await sandbox('WeChat Pay', () => startWechatSandbox({ host: options.host, port: port(21), keyDir: sandboxDir('wechat') })),
      unionpay: await sandbox('UnionPay', () => startUnionpaySandbox({ host: options.host, port: port(22), keyDir: sandboxDir('unionpay') })),
      paypal: await sandbox('PayPal', () => startPayPalSandbox({ host: options.host, port: port(23), keyDir: sandboxDir('paypal') })),
    };

    // Pay config secrets are sealed under this key where AWS uses the tenant's KMS key.
    const secretsKey = localSecretsKey(options.stateDir);
    // The operator's credential for the admin API, new per start (it stands for an IAM identity).
    const admin = { accessKeyId: `AKIALOCAL${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64') };
    const emulator = await startEmulator({
      template: join(outdir, stack.templateFile),
      assemblyDir: outdir,
      host: options.host,
      ports: { api: port(0), dynamodb: port(1), sqs: port(2), apigwManagement: port(3), ...options.ports },
      verbose: options.verbose,
      functionEnv: { [LOCAL_KEY_ENV]: secretsKey, ...LOCAL_NOTIFY_ENV, ...options.functionEnv },
      iamCredentials: [admin],
      dynamodbDataDir: options.dataDir,
      progress,
      disabledStreamConsumers: options.disabledStreamConsumers,
    });
    stops.push(() => emulator.stop());

    const tableName = Object.values(emulator.tables)[0]!;
    const usagePlans = Object.fromEntries(
      Object.entries(emulator.usagePlans).map(([name, id]) => [name.replace(`${LOCAL_TENANT}-`, ''), id]),
    );
    if (!emulator.apiUrl) throw new Error(`${stackName} has no REST API`);
    const queue = (prefix: string) => Object.entries(emulator.queues).find(([id]) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id))?.[1];
    const base: Target = {
      apiUrl: emulator.apiUrl,
      region: LOCAL_REGION,
      tableName,
      usagePlans,
      endpoints: {
        dynamodb: emulator.dynamodbEndpoint,
        sqs: emulator.sqsEndpoint,
        apigateway: emulator.apigwManagementEndpoint,
        lambda: emulator.apigwManagementEndpoint,
      },
      functions: JSON.parse(emulator.outputs.FunctionNames ?? '{}'),
      sandbox: {
        alipay: { url: alipay.url, gatewayUrl: alipay.gatewayUrl, publicKeyPem: alipay.alipayPublicKeyPem },
        wechat: { url: others.wechat.url },
        unionpay: { url: others.unionpay.url },
        paypal: { url: others.paypal.url },
      },
      queues: { callbacks: queue('CallbackQueue')!, callbacksDeadLetter: queue('CallbackDeadLetterQueue')! },
      events: { topicArn: emulator.outputs.PaymentEventsTopicArn! },
      plugins: {
        chatUrl: chat.url,
        exportBucket: emulator.outputs.AccountingExportBucketName!,
        queues: Object.fromEntries(
          ['ChatAlert', 'AccountingExport', 'RiskRule'].map((name) => [name, { queue: queue(`Plugins${name}Queue`)!, deadLetter: queue(`Plugins${name}DeadLetterQueue`)! }]),
        ),
      },
      chaosUrl: `${emulator.apigwManagementEndpoint}/_emulator`,
      secrets: { localKey: secretsKey },
      admin,
    };
    const demo = await step(
      'pay-config templates and the demo merchant',
      async () => {
        const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(base, 'dynamodb')));
        await seedPayTemplates(new DynamoTemplateStore({ client: ddb, tableName }));
        return createMerchant(base, { name: 'demo' });
      },
      progress,
    );
    const target = {
      ...base,
      demo: { companyId: demo.companyId, apiKey: demo.apiKey, payId: demo.payId, payIds: demo.payIds, notifySecret: demo.notifySecret },
    };
    if (options.stateDir) writeLocalState(options.stateDir, target, demo.alipay);
    return { target, emulator, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * The local stack's secrets key: kept in the state directory (mode 600) so that `npm start` opens
 * the configs it sealed last time; a fresh one per run without it (tests).
 */
function localSecretsKey(stateDir?: string): string {
  if (!stateDir) return newLocalKey();
  const file = join(stateDir, 'secrets.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(stateDir, { recursive: true });
  const key = newLocalKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** .payee/local.json and the demo app's key files, for people and for `PAYEE_TARGET`. */
function writeLocalState(stateDir: string, target: Target, app: { appId: string; sellerId: string; privateKeyPem: string; publicKeyPem: string }) {
  const keyDir = join(stateDir, 'keys');
  mkdirSync(keyDir, { recursive: true });
  const files = {
    appPrivateKey: join(keyDir, 'alipay-app-private-key.pem'),
    appPublicKey: join(keyDir, 'alipay-app-public-key.pem'),
    alipayPublicKey: join(keyDir, 'alipay-sandbox-public-key.pem'),
  };
  writeFileSync(files.appPrivateKey, app.privateKeyPem, { mode: 0o600 });
  writeFileSync(files.appPublicKey, app.publicKeyPem);
  writeFileSync(files.alipayPublicKey, target.sandbox!.alipay.publicKeyPem);
  writeFileSync(join(stateDir, 'local.json'), `${JSON.stringify(localState(target, { appId: app.appId, sellerId: app.sellerId, keyFiles: files }), null, 2)}\n`);
}

/** The target as a file: everything the integration suite reads from it, plus the demo Alipay app's key files. */
export function localState(target: Target, alipayApp: { appId: string; sellerId: string; keyFiles: Record<string, string> }): Target {
  return { ...target, sandbox: { ...target.sandbox!, alipay: { ...target.sandbox!.alipay, ...alipayApp } } };
}
