import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, UsageError } from './app.ts';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };

let app: App;
let assembly: CloudAssembly;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  let stackName: string;
  ({ app, stack: { stackName } } = buildApp({ tenant: 'demo' }));
  assembly = app.synth();
  const json = assembly.getStackByName(stackName).template;
  template = Template.fromJSON(json);
  resources = json.Resources;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalIdOf = (type: string, prefix: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}*`).toHaveLength(1);
  return found[0]![0];
};
const tableId = () => logicalIdOf('AWS::DynamoDB::Table', 'Payments');

describe('app', () => {
  it('names the stack after the tenant', () => {
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['Payee-demo']);
  });

  it.each([undefined, 'Demo', 'a', 'demo_1', `d${'x'.repeat(31)}`])('refuses tenant %s', (tenant) => {
    expect(() => buildApp({ tenant })).toThrow(UsageError);
  });
});

describe('table', () => {
  it('is the single table of ARCHITECTURE §4', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const gsi = (n: number) => ({
      IndexName: `GSI${n}`,
      KeySchema: [
        { AttributeName: `GSI${n}PK`, KeyType: 'HASH' },
        { AttributeName: `GSI${n}SK`, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayEquals(
          ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        ),
        GlobalSecondaryIndexes: [gsi(1), gsi(2)],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });
});

describe('functions', () => {
  const expected = [
    { name: 'ApiAuthorizer', timeout: 5, access: 'read' },
    { name: 'CreatePayment', timeout: 15, access: 'readWrite' },
    { name: 'GetPayment', timeout: 10, access: 'read' },
    { name: 'ListPayments', timeout: 10, access: 'read' },
    { name: 'OpenApi', timeout: 5, access: undefined },
  ] as const;

  it('are exactly the API functions', () => {
    expect(ofType('AWS::Lambda::Function').map(([id]) => id.replace(/Function[0-9A-F]{8}$/, '')).sort()).toEqual(
      expected.map((f) => f.name).sort(),
    );
  });

  const statementsOf = (roleId: string) =>
    ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
  const actionsOn = (statements: any[], resourceId: string) =>
    statements
      .filter((s) => JSON.stringify(s.Resource).includes(`"${resourceId}"`))
      .flatMap((s) => [s.Action].flat() as string[]);

  it.each(expected)('$name: house defaults, its timeout and table access', ({ name, timeout, access }) => {
    const fn = resources[logicalIdOf('AWS::Lambda::Function', `${name}Function`)]!;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: timeout,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogGroup: { Ref: logicalIdOf('AWS::Logs::LogGroup', `${name}LogGroup`) } },
    });
    const env = fn.Properties.Environment.Variables;
    expect(env).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'payee',
      POWERTOOLS_METRICS_NAMESPACE: 'Payee',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      PAYEE_TENANT: 'demo',
    });
    expect(env.TABLE_NAME).toEqual(access ? { Ref: tableId() } : undefined);

    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = statementsOf(roleId);
    expect(actionsOn(statements, logicalIdOf('AWS::Logs::LogGroup', `${name}LogGroup`))).toEqual(
      expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']),
    );
    const tableActions = actionsOn(statements, tableId());
    if (!access) expect(tableActions).toEqual([]);
    else {
      expect(tableActions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      const writes = tableActions.filter((a) => /Put|Update|Delete|Write/.test(a));
      if (access === 'readWrite') expect(writes).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
      else expect(writes).toEqual([]);
    }
  });

  it('logs for one month', () => {
    for (const [, group] of ofType('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
  });

  // Init duration grows with bundle size, and init is billed (NOTES.md).
  it('bundles each handler within 300 KB', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const dir = path.join(assembly.directory, fn.Metadata!['aws:asset:path']);
      const files = readdirSync(dir);
      expect(files, id).toContain('index.mjs');
      const bytes = files.reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);
      expect(bytes, `${id} bundle size`).toBeLessThanOrEqual(300 * 1024);
    }
  });

  it('bundles the environment credential provider, not the SDK default chain', () => {
    for (const [id, fn] of ofType('AWS::Lambda::Function')) {
      const bundle = readFileSync(path.join(assembly.directory, fn.Metadata!['aws:asset:path'], 'index.mjs'), 'utf8');
      expect(bundle.startsWith("import { createRequire } from 'module';"), id).toBe(true);
      // fromSSO is part of the default chain only (about 135 KB of it with its STS and SSO clients).
      expect(bundle.includes('fromSSO'), id).toBe(false);
    }
  });
});

describe('REST API', () => {
  it('is regional, takes the key from the header and creates no API keys', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      ApiKeySourceType: 'HEADER',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
  });

  const pathOf = (resourceRef: any): string => {
    if (resourceRef['Fn::GetAtt']) return '';
    const resource = resources[resourceRef.Ref]!;
    return `${pathOf(resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
  };
  const methods = () =>
    Object.fromEntries(
      ofType('AWS::ApiGateway::Method').map(([, m]) => [`${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId)}`, m.Properties]),
    );
  const functionId = (name: string) => logicalIdOf('AWS::Lambda::Function', `${name}Function`);

  it('routes each /v1 method to its function by Lambda proxy', () => {
    const routes = Object.fromEntries(
      Object.entries(methods()).map(([route, m]) => {
        expect(m.Integration.Type).toBe('AWS_PROXY');
        return [route, JSON.stringify(m.Integration.Uri).match(/"([A-Za-z]+)Function[0-9A-F]{8}"/)?.[1]];
      }),
    );
    expect(routes).toEqual({
      'POST /v1/payments': 'CreatePayment',
      'GET /v1/payments': 'ListPayments',
      'GET /v1/payments/{payNo}': 'GetPayment',
      'GET /v1/openapi.json': 'OpenApi',
    });
  });

  it('requires an API key and the Lambda authorizer on every method', () => {
    const authorizerId = logicalIdOf('AWS::ApiGateway::Authorizer', 'ApiApiKeyAuthorizer');
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.x-api-key',
      AuthorizerResultTtlInSeconds: 60,
    });
    expect(JSON.stringify(resources[authorizerId]!.Properties.AuthorizerUri)).toContain(functionId('ApiAuthorizer'));
    const validatorId = logicalIdOf('AWS::ApiGateway::RequestValidator', 'ApiRestApiParameterValidator');
    for (const [route, m] of Object.entries(methods())) {
      expect(m, route).toMatchObject({
        ApiKeyRequired: true,
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: authorizerId },
        RequestValidatorId: { Ref: validatorId },
      });
    }
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
  });

  it('answers a missing or refused key like API Gateway does for a missing key', () => {
    for (const type of ['UNAUTHORIZED', 'ACCESS_DENIED']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        StatusCode: '403',
        ResponseTemplates: { 'application/json': '{"message":"Forbidden"}' },
      });
    }
  });

  it('logs access as JSON, errors only, with metrics and tracing on stage live', () => {
    const [[, stage]] = ofType('AWS::ApiGateway::Stage') as [[string, Resource]];
    expect(stage.Properties).toMatchObject({
      StageName: 'live',
      TracingEnabled: true,
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', MetricsEnabled: true, DataTraceEnabled: false }],
    });
    expect(JSON.stringify(stage.Properties.AccessLogSetting.DestinationArn)).toContain(
      `{"Ref":"${logicalIdOf('AWS::Logs::LogGroup', 'ApiAccessLogs')}"}`,
    );
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      apiKeyId: '$context.identity.apiKeyId',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
  });

  it('has one usage plan per default tier on stage live', () => {
    template.resourceCountIs('AWS::ApiGateway::UsagePlan', 2);
    const stageId = logicalIdOf('AWS::ApiGateway::Stage', 'ApiRestApiDeploymentStagelive');
    const apiId = logicalIdOf('AWS::ApiGateway::RestApi', 'ApiRestApi');
    for (const [tier, throttle, quota] of [
      ['standard', { RateLimit: 1000, BurstLimit: 2000 }, { Limit: 10_000_000, Period: 'MONTH' }],
      ['trial', { RateLimit: 5, BurstLimit: 10 }, { Limit: 10_000, Period: 'DAY' }],
    ] as const) {
      template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `demo-${tier}`,
        Throttle: throttle,
        Quota: quota,
        ApiStages: [{ ApiId: { Ref: apiId }, Stage: { Ref: stageId } }],
      });
    }
  });

  it('outputs the API URL, the table name and the usage plan ids', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['ApiUrl', 'TableName', 'UsagePlanIdStandard', 'UsagePlanIdTrial']);
    template.hasOutput('TableName', { Value: { Ref: tableId() } });
    template.hasOutput('UsagePlanIdTrial', { Value: { Ref: logicalIdOf('AWS::ApiGateway::UsagePlan', 'ApiRestApiTrialUsagePlan') } });
  });
});

describe('monitoring', () => {
  const alarms = () => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  const topicRef = () => ({ Ref: logicalIdOf('AWS::SNS::Topic', 'MonitoringAlarmTopic') });

  it('alarms on the API, every function and the table, to the SNS topic', () => {
    const names = (metric: string) => alarms().filter((a) => JSON.stringify(a).includes(`"${metric}"`));
    expect(names('5XXError')).toMatchObject([{ Statistic: 'Average', Namespace: 'AWS/ApiGateway' }]);
    expect(names('Latency')).toMatchObject([{ ExtendedStatistic: 'p99', Namespace: 'AWS/ApiGateway' }]);
    for (const name of ['ApiAuthorizer', 'CreatePayment', 'GetPayment', 'ListPayments', 'OpenApi']) {
      const fnRef = { Ref: logicalIdOf('AWS::Lambda::Function', `${name}Function`) };
      for (const metric of ['Errors', 'Throttles']) {
        expect(
          alarms().filter((a) => a.MetricName === metric && a.Dimensions?.[0]?.Value?.Ref === fnRef.Ref),
          `${name} ${metric}`,
        ).toHaveLength(1);
      }
    }
    expect(names('SystemErrors')).toHaveLength(1);
    expect(names('ThrottledRequests')).toHaveLength(1);
    expect(alarms()).toHaveLength(14);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([topicRef()]);
  });

  it('has a TLS-only alarm topic without subscriptions unless an e-mail is given, and a dashboard', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('leaves no unacknowledged error or warning', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
  });

  // The report also carries CDK's own annotations and template checks (cdk.json feature flags).
  it('leaves the validation report of the synthesis empty', () => {
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
    const findings = report.pluginReports.flatMap((p: any) =>
      p.violations.map((v: any) => `${p.pluginName} ${v.severity} ${v.ruleName} ${v.violatingConstructs.map((c: any) => c.constructPath)}`),
    );
    expect(findings).toEqual([]);
  });
});
