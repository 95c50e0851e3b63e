// AWS::SQS::Queue, AWS::SNS::Topic and SQS subscriptions (AWS::SNS::Subscription) → fauxqs.
import { startFauxqs, type FauxqsServer } from 'fauxqs';
import type { Resolver } from './intrinsics.ts';
import { reservePort } from './ports.ts';
import { props, resourcesOfType } from './template.ts';

/** fauxqs builds every ARN with this account; the emulator uses it as AWS::AccountId. */
export const FAUXQS_ACCOUNT_ID = '000000000000';

export interface LocalSqs {
  /** `http://127.0.0.1:<port>`: fauxqs serves SQS and SNS on one endpoint. */
  endpoint: string;
  server: FauxqsServer;
}

export async function startSqs(port: number, region: string): Promise<LocalSqs> {
  // fauxqs always binds 0.0.0.0; a fixed port is probed first for a clear error.
  if (port !== 0) await reservePort(port, 'fauxqs (SQS/SNS)');
  const server = await startFauxqs({ port, logger: false, defaultRegion: region });
  return { endpoint: `http://127.0.0.1:${server.port}`, server };
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
 * topics and their SQS subscriptions through fauxqs's programmatic API. Returns logical id → queue URL.
 * fauxqs's own queue URLs (`sqs.<region>.localhost`) do not resolve on every machine, so the
 * emulator hands out `http://127.0.0.1:<port>/<account>/<name>`; fauxqs looks a queue up by the
 * name in the URL's path.
 */
export function createMessaging(fauxqs: FauxqsServer, resolver: Resolver): Record<string, string> {
  const queues = resourcesOfType(resolver.template, 'AWS::SQS::Queue');
  const ordered = [...queues.filter(([, r]) => !props(r).RedrivePolicy), ...queues.filter(([, r]) => props(r).RedrivePolicy)];
  const urls: Record<string, string> = {};
  for (const [logicalId, resource] of ordered) {
    const p = resolver.resolve(props(resource)) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    for (const name of QUEUE_ATTRIBUTES) if (p[name] !== undefined) attributes[name] = String(p[name]);
    if (p.RedrivePolicy) attributes.RedrivePolicy = JSON.stringify(p.RedrivePolicy);
    fauxqs.createQueue(resolver.getAtt(logicalId, 'QueueName'), { attributes });
    urls[logicalId] = resolver.ref(logicalId);
  }
  for (const [logicalId, resource] of resourcesOfType(resolver.template, 'AWS::SNS::Topic')) {
    const p = resolver.resolve(props(resource)) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    if (p.FifoTopic !== undefined) attributes.FifoTopic = String(p.FifoTopic);
    if (p.ContentBasedDeduplication !== undefined) attributes.ContentBasedDeduplication = String(p.ContentBasedDeduplication);
    fauxqs.createTopic(resolver.getAtt(logicalId, 'TopicName'), { attributes });
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
    fauxqs.subscribe({ topic: arnName(String(p.TopicArn)), queue: arnName(String(p.Endpoint)), attributes });
  }
  return urls;
}

const arnName = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1);

