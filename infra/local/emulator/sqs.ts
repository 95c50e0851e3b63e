// AWS::SQS::Queue, AWS::SNS::Topic, SQS subscriptions (AWS::SNS::Subscription) and AWS::S3::Bucket → fauxqs.
import { buildApp } from 'fauxqs';
import type { Resolver } from './intrinsics.ts';
import { closeServer, listen } from './ports.ts';
import { props, resourcesOfType } from './template.ts';

/** fauxqs builds every ARN with this account; the emulator uses it as AWS::AccountId. */
export const FAUXQS_ACCOUNT_ID = '000000000000';

export interface LocalSqs {
  /** `http://127.0.0.1:<port>`: fauxqs serves SQS and SNS on one endpoint. */
  endpoint: string;
  /** One SQS (JSON protocol) or SNS (query protocol) action, served in-process. */
  call(service: 'sqs' | 'sns', action: string, params: Record<string, unknown>): Promise<void>;
  /** S3's CreateBucket (path style), served in-process. */
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * fauxqs's own startFauxqs always listens on 0.0.0.0; its app is built here and listened on
 * `host` instead, so that the queues are not open to the network.
 */
export async function startSqs(port: number, host: string, region: string): Promise<LocalSqs> {
  const app = buildApp({ logger: false, defaultRegion: region });
  await app.ready();
  const actualPort = await listen(app.server, port, host, 'fauxqs (SQS/SNS)');
  return {
    endpoint: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`,
    async call(service, action, params) {
      const res = await app.inject({
        method: 'POST',
        url: '/',
        ...(service === 'sqs'
          ? { headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` }, payload: JSON.stringify(params) }
          : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ Action: action, ...(params as Record<string, string>) }).toString() }),
      });
      if (res.statusCode >= 300) throw new Error(`fauxqs ${service} ${action} failed (${res.statusCode}): ${res.body}`);
    },
    async createBucket(name) {
      const res = await app.inject({ method: 'PUT', url: `/${name}` });
      if (res.statusCode >= 300) throw new Error(`fauxqs s3 CreateBucket ${name} failed (${res.statusCode}): ${res.body}`);
    },
    async stop() {
      await Promise.all([app.close(), closeServer(app.server)]);
    },
  };
}

/** The CloudFormation queue properties fauxqs understands, as SQS attribute strings. */
const QUEUE_ATTRIBUTES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'VisibilityTimeout',
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
] as const;

/**
 * Creates queues (dead-letter targets first, since a redrive policy names an existing queue),
 * topics and their SQS subscriptions through fauxqs's own SQS and SNS actions. Returns logical id
 * → queue URL. fauxqs's own queue URLs (`sqs.<region>.localhost`) do not resolve on every machine,
 * so the emulator hands out `http://127.0.0.1:<port>/<account>/<name>`; fauxqs looks a queue up by
 * the name in the URL's path.
 */
export async function createMessaging(sqs: LocalSqs, resolver: Resolver): Promise<Record<string, string>> {
  const queues = resourcesOfType(resolver.template, 'AWS::SQS::Queue');
  const ordered = [...queues.filter(([, r]) => !props(r).RedrivePolicy), ...queues.filter(([, r]) => props(r).RedrivePolicy)];
  const urls: Record<string, string> = {};
  for (const [logicalId, resource] of ordered) {
    const p = resolver.resolve(props(resource)) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    for (const name of QUEUE_ATTRIBUTES) if (p[name] !== undefined) attributes[name] = String(p[name]);
    if (p.RedrivePolicy) attributes.RedrivePolicy = JSON.stringify(p.RedrivePolicy);
    await sqs.call('sqs', 'CreateQueue', { QueueName: resolver.getAtt(logicalId, 'QueueName'), Attributes: attributes });
    urls[logicalId] = resolver.ref(logicalId);
  }
  for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::SNS::Topic')) {
    const p = resolver.resolve(props(resource)) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    if (p.FifoTopic !== undefined) attributes.FifoTopic = String(p.FifoTopic);
    if (p.ContentBasedDeduplication !== undefined) attributes.ContentBasedDeduplication = String(p.ContentBasedDeduplication);
    await sqs.call('sns', 'CreateTopic', { Name: resolver.getAtt(logicalId, 'TopicName'), ...snsAttributes(attributes) });
  }
  for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::SNS::Subscription')) {
    const p = resolver.resolve(props(resource)) as Record<string, unknown>;
    if (p.Protocol !== 'sqs') {
      // fauxqs delivers to SQS only; the rest of the stack still runs without this subscription.
      console.warn(`emulator: ${logicalId} (SNS protocol ${String(p.Protocol)}) is not emulated, only sqs`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const name of ['RawMessageDelivery', 'FilterPolicyScope'] as const) if (p[name] !== undefined) attributes[name] = String(p[name]);
    if (p.FilterPolicy !== undefined) attributes.FilterPolicy = JSON.stringify(p.FilterPolicy);
    if (p.RedrivePolicy !== undefined) attributes.RedrivePolicy = JSON.stringify(p.RedrivePolicy);
    await sqs.call('sns', 'Subscribe', { TopicArn: String(p.TopicArn), Protocol: 'sqs', Endpoint: String(p.Endpoint), ...snsAttributes(attributes) });
  }
  for (const [logicalId] of resourcesOfType(resolver.template, 'AWS::S3::Bucket')) await sqs.createBucket(resolver.ref(logicalId));
  return urls;
}

/** SNS query-protocol attributes: `Attributes.entry.N.key` / `.value`. */
function snsAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).flatMap(([key, value], i) => [
      [`Attributes.entry.${i + 1}.key`, key],
      [`Attributes.entry.${i + 1}.value`, value],
    ]),
  );
}
