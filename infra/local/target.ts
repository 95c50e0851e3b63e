/** Channels whose sandbox provisions merchants itself (`POST /sandbox/merchants`). */
export const SANDBOX_CHANNELS = ['wechat', 'unionpay', 'paypal'] as const;
export type SandboxChannel = (typeof SANDBOX_CHANNELS)[number];

/**
 * Where a payee deployment is and how to reach its parts: what `npm start` writes to
 * .payee/local.json and what the integration suite runs against (local stack, LocalStack or AWS).
 */
export interface Target {
  /** Base URL of the API including the stage, e.g. http://127.0.0.1:4010/live */
  apiUrl: string;
  region: string;
  tableName: string;
  /** Usage plan id per tier name (standard, trial). */
  usagePlans: Record<string, string>;
  /** Service endpoints; absent for real AWS (the SDK's defaults). */
  endpoints?: { dynamodb?: string; sqs?: string; apigateway?: string; lambda?: string; kms?: string };
  /** Function name by role (`Reconciler`, `StatusWorker`, ...): the stack's FunctionNames output. */
  functions?: Record<string, string>;
  /** The callbacks FIFO queue and its dead-letter queue. */
  queues?: { callbacks: string; callbacksDeadLetter: string };
  /** The payment events topic (docs/events.md), served by the SQS endpoint's SNS locally. */
  events?: { topicArn: string };
  /** The local stack's plugins: the chat robot stand-in, the export bucket, each plugin's queue and dead-letter queue by construct name. */
  plugins?: { chatUrl: string; exportBucket: string; queues: Record<string, { queue: string; deadLetter: string }> };
  /**
   * The key that seals pay config secrets (lib/crypto/envelope.ts), for provisioning merchants: the
   * local stack's own key, or the tenant's KMS key (its SecretsKeyArn output).
   */
  secrets?: { localKey: string } | { kmsKeyId: string };
  /**
   * The local stack's operator credential: the admin API (`/v1/admin`, IAM authorization) takes
   * requests SigV4-signed with it. Absent for AWS, where the caller's own AWS credentials sign.
   */
  admin?: { accessKeyId: string; secretAccessKey: string };
  /** Fault injection of the local emulator (`/_emulator/...`); absent elsewhere. */
  chaosUrl?: string;
  /** The demo merchant seeded by `npm start`. */
  demo?: {
    companyId: string;
    apiKey: string;
    payId: string;
    payIds: Partial<Record<SandboxChannel, string>>;
    /** Verifies the Payee-Signature of the demo merchant's notifications (docs/notifications.md). */
    notifySecret: string;
  };
  /** Local provider sandboxes; absent where none runs (then sandbox-driven tests are skipped). */
  sandbox?: {
    alipay: { url: string; gatewayUrl: string; publicKeyPem: string; keyFiles?: Record<string, string> };
  } & Partial<Record<SandboxChannel, { url: string }>>;
}

/**
 * AWS SDK client settings for one of the target's services. Local services take any
 * credentials, and must never be handed real ones.
 */
export function clientConfig(target: Target, service: keyof NonNullable<Target['endpoints']>) {
  const endpoint = target.endpoints?.[service];
  return {
    region: target.region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  };
}
