// Resolves CloudFormation intrinsic functions against the local stand-ins of the stack's resources.
// Names follow what CloudFormation would generate, minus its random suffix: `<stack>-<logicalId>`.
import { stableId } from './ids.ts';
import type { CfnResource, Template } from './template.ts';
import { props } from './template.ts';

export interface LocalAccount {
  region: string;
  /** fauxqs builds every ARN with 000000000000; the same account everywhere keeps ARNs comparable. */
  accountId: string;
  /** Base of local queue URLs: `<base>/<account>/<queueName>`. */
  sqsEndpoint: string;
}

interface Physical {
  ref: string;
  attributes: Record<string, string>;
}

/** Marker for `Ref: AWS::NoValue`: the property is removed, as CloudFormation does. */
const NO_VALUE = Symbol('AWS::NoValue');

export class Resolver {
  private readonly cache = new Map<string, Physical>();

  constructor(
    readonly template: Template,
    readonly account: LocalAccount,
  ) {}

  /** Deep-resolves every intrinsic in `value`. */
  resolve(value: unknown): unknown {
    const out = this.walk(value);
    return out === NO_VALUE ? undefined : out;
  }

  /** Resolves a value that must end up a string (a name, an ARN, an environment variable). */
  string(value: unknown, what: string): string {
    const out = this.resolve(value);
    if (typeof out === 'string') return out;
    if (typeof out === 'number' || typeof out === 'boolean') return String(out);
    throw new Error(`${what} does not resolve to a string: ${JSON.stringify(value)}`);
  }

  ref(logicalId: string): string {
    const pseudo = this.pseudo(logicalId);
    if (pseudo !== undefined) return pseudo;
    const parameter = this.template.body.Parameters?.[logicalId];
    if (parameter) {
      // CDK's only parameter is BootstrapVersion (an SSM lookup nothing local needs); defaults suffice.
      if (parameter.Default === undefined) throw new Error(`Parameter ${logicalId} has no Default to use locally`);
      return String(parameter.Default);
    }
    return this.physical(logicalId).ref;
  }

  getAtt(logicalId: string, attribute: string): string {
    const value = this.physical(logicalId).attributes[attribute];
    if (value === undefined) {
      const type = this.template.body.Resources[logicalId]?.Type;
      throw new Error(`Fn::GetAtt ${logicalId}.${attribute} (${type}) has no local equivalent`);
    }
    return value;
  }

  /** The logical id of the resource with this physical ARN or name, if it is in the stack. */
  logicalIdOf(type: string, predicate: (p: { ref: string; attributes: Record<string, string> }) => boolean): string | undefined {
    for (const [id, resource] of Object.entries(this.template.body.Resources)) {
      if (resource.Type === type && predicate(this.physical(id))) return id;
    }
    return undefined;
  }

  private pseudo(name: string): string | undefined {
    const { region, accountId } = this.account;
    switch (name) {
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.template.stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${region}:${accountId}:stack/${this.template.stackName}/00000000-0000-0000-0000-000000000000`;
      default:
        return undefined;
    }
  }

  private walk(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.walk(v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, arg] = entries[0]!;
      if (key === 'Ref' || key.startsWith('Fn::')) return this.intrinsic(key, arg);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const resolved = this.walk(v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown): unknown {
    switch (fn) {
      case 'Ref':
        return arg === 'AWS::NoValue' ? NO_VALUE : this.ref(String(arg));
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/s);
        return this.getAtt(String(id), String(this.walk(attr)));
      }
      case 'Fn::Join': {
        const [sep, list] = arg as [string, unknown];
        return (this.walk(list) as unknown[]).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const items = this.walk(list) as unknown[];
        const item = items[Number(this.walk(index))];
        if (item === undefined) throw new Error(`Fn::Select index ${JSON.stringify(index)} out of range`);
        return item;
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, unknown];
        return String(this.walk(source)).split(sep);
      }
      case 'Fn::Sub':
        return this.sub(arg);
      default:
        throw new Error(`${fn} is not supported by the local emulator`);
    }
  }

  private sub(arg: unknown): string {
    const [text, vars] = typeof arg === 'string' ? [arg, {}] : (arg as [string, Record<string, unknown>]);
    return text.replace(/\$\{(!?)([^}]+)\}/g, (_, literal: string, name: string) => {
      if (literal) return '${' + name + '}';
      if (name in vars) return String(this.walk(vars[name]));
      const dot = name.indexOf('.');
      return dot > 0 && !name.startsWith('AWS::') ? this.getAtt(name.slice(0, dot), name.slice(dot + 1)) : this.ref(name);
    });
  }

  private physical(logicalId: string): Physical {
    let physical = this.cache.get(logicalId);
    if (!physical) {
      const resource = this.template.body.Resources[logicalId];
      if (!resource) throw new Error(`Ref/GetAtt to ${logicalId}, which is not in the template`);
      physical = this.describe(logicalId, resource);
      this.cache.set(logicalId, physical);
    }
    return physical;
  }

  private describe(id: string, resource: CfnResource): Physical {
    const { region, accountId, sqsEndpoint } = this.account;
    const p = props(resource);
    const named = (prop: string, max: number, suffix = '') =>
      p[prop] !== undefined ? this.string(p[prop], `${id}.${prop}`) : `${this.template.stackName}-${id}`.slice(0, max - suffix.length) + suffix;
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable': {
        const name = named('TableName', 255);
        const arn = `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
        return { ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` } };
      }
      case 'AWS::SQS::Queue': {
        const name = named('QueueName', 80, String(this.resolve(p.FifoQueue)) === 'true' ? '.fifo' : '');
        const url = `${sqsEndpoint}/${accountId}/${name}`;
        return { ref: url, attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name, QueueUrl: url } };
      }
      case 'AWS::SNS::Topic': {
        const name = named('TopicName', 256, String(this.resolve(p.FifoTopic)) === 'true' ? '.fifo' : '');
        const arn = `arn:aws:sns:${region}:${accountId}:${name}`;
        return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
      }
      case 'AWS::S3::Bucket': {
        // S3 names are lower case, at most 63 characters.
        const name = named('BucketName', 63).toLowerCase();
        return { ref: name, attributes: { Arn: `arn:aws:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com` } };
      }
      case 'AWS::Lambda::Function': {
        const name = named('FunctionName', 64);
        return { ref: name, attributes: { Arn: `arn:aws:lambda:${region}:${accountId}:function:${name}` } };
      }
      case 'AWS::Events::Rule': {
        const name = named('Name', 64);
        return { ref: name, attributes: { Arn: `arn:aws:events:${region}:${accountId}:rule/${name}` } };
      }
      case 'AWS::IAM::Role': {
        const name = named('RoleName', 64);
        return { ref: name, attributes: { Arn: `arn:aws:iam::${accountId}:role/${name}`, RoleId: stableId(id, 21).toUpperCase() } };
      }
      case 'AWS::ApiGateway::RestApi':
        return { ref: stableId(id, 10), attributes: { RootResourceId: stableId(`${id}/`, 10) } };
      case 'AWS::ApiGateway::Stage':
        return { ref: this.string(p.StageName, `${id}.StageName`), attributes: {} };
      case 'AWS::ApiGateway::Resource':
        return { ref: stableId(id, 6), attributes: { ResourceId: stableId(id, 6) } };
      case 'AWS::ApiGateway::Authorizer':
        return { ref: stableId(id, 6), attributes: { AuthorizerId: stableId(id, 6) } };
      case 'AWS::ApiGateway::UsagePlan':
      case 'AWS::ApiGateway::Deployment':
        return { ref: stableId(id, 6), attributes: { Id: stableId(id, 6) } };
      default:
        return { ref: `${this.template.stackName}-${id}`, attributes: {} };
    }
  }
}
