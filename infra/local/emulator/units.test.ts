// The pure pieces, on hand-written inputs.
import { describe, expect, it } from 'vitest';
import { mapProxyResult } from './apigw/integration.ts';
import { evaluatePolicy } from './apigw/policy.ts';
import { matchRoute } from './apigw/routes.ts';
import { quotaPeriodStart, Usage } from './apigw/usage.ts';
import { Resolver } from './intrinsics.ts';
import { cronMatches, parseSchedule } from './schedules.ts';
import type { Template } from './template.ts';

const template: Template = {
  stackName: 'S',
  body: {
    Parameters: { BootstrapVersion: { Type: 'String', Default: '/cdk-bootstrap/version' } },
    Resources: {
      T: { Type: 'AWS::DynamoDB::Table' },
      Q: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
      F: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'named' } },
      P: { Type: 'AWS::ApiGateway::UsagePlan', Properties: { UsagePlanName: 'p', Throttle: { RateLimit: 2, BurstLimit: 2 }, Quota: { Limit: 100, Period: 'DAY' } } },
    },
  },
};
const resolver = new Resolver(template, { region: 'eu-west-1', accountId: '000000000000', sqsEndpoint: 'http://127.0.0.1:9' });

describe('intrinsics', () => {
  it('resolves Ref, GetAtt, Join, Sub, Select, Split and pseudo parameters', () => {
    expect(resolver.resolve({ Ref: 'T' })).toBe('S-T');
    expect(resolver.resolve({ Ref: 'Q' })).toBe('http://127.0.0.1:9/000000000000/S-Q.fifo');
    expect(resolver.resolve({ 'Fn::GetAtt': ['F', 'Arn'] })).toBe('arn:aws:lambda:eu-west-1:000000000000:function:named');
    expect(resolver.resolve({ 'Fn::Join': ['-', [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] })).toBe('eu-west-1-000000000000');
    expect(resolver.resolve({ 'Fn::Sub': ['${T}/${Q.QueueName}/${X}/${!Literal}', { X: { Ref: 'AWS::URLSuffix' } }] })).toBe('S-T/S-Q.fifo/amazonaws.com/${Literal}');
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(resolver.resolve({ a: { Ref: 'AWS::NoValue' }, b: { Ref: 'BootstrapVersion' } })).toEqual({ b: '/cdk-bootstrap/version' });
    expect(() => resolver.resolve({ 'Fn::GetAtt': ['T', 'Nope'] })).toThrow('T.Nope');
    expect(() => resolver.resolve({ 'Fn::ImportValue': 'x' })).toThrow('not supported');
  });
});

describe('authorizer policies', () => {
  const arn = 'arn:aws:execute-api:us-east-1:000000000000:abc/live/GET/v1/things';
  const doc = (...Statement: object[]) => ({ Statement });
  it('allows on a wildcard match, lets an explicit deny win, denies implicitly otherwise', () => {
    expect(evaluatePolicy(doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:abc/*/GET/*' }), arn)).toBe('ALLOW');
    expect(evaluatePolicy(doc({ Effect: 'Allow', Action: '*', Resource: ['x', '*'] }, { Effect: 'Deny', Action: 'execute-api:*', Resource: `${arn}` }), arn)).toBe('EXPLICIT_DENY');
    expect(evaluatePolicy(doc({ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:abc/*/POST/*' }), arn)).toBe('IMPLICIT_DENY');
  });
});

describe('routes', () => {
  const resource = (path: string) => ({ id: path, path, segments: path.split('/').filter(Boolean), methods: new Map() });
  const resources = ['/', '/a/{id}', '/a/special', '/a/{id}/b', '/{proxy+}'].map(resource);
  it('prefers literals over parameters over greedy paths', () => {
    expect(matchRoute(resources, ['a', 'special'])?.resource.path).toBe('/a/special');
    expect(matchRoute(resources, ['a', 'x%2Fy'])).toMatchObject({ resource: { path: '/a/{id}' }, pathParameters: { id: 'x/y' } });
    expect(matchRoute(resources, ['a', 'x', 'c'])).toMatchObject({ resource: { path: '/{proxy+}' }, pathParameters: { proxy: 'a/x/c' } });
    expect(matchRoute(resources, [])).toMatchObject({ resource: { path: '/' }, pathParameters: null });
  });
});

describe('proxy results', () => {
  it('accepts the documented shape and refuses anything else', () => {
    const ok = mapProxyResult({ statusCode: 201, headers: { a: '1', b: 2 }, multiValueHeaders: { a: ['x', 'y'] }, body: 'aGk=', isBase64Encoded: true });
    expect(ok?.status).toBe(201);
    expect(ok?.headers.get('a')).toEqual(['x', 'y']);
    expect(ok?.headers.get('b')).toEqual(['2']);
    expect(ok?.body.toString()).toBe('hi');
    for (const bad of [null, 'x', { body: 'no status' }, { statusCode: 200, body: {} }, { statusCode: 200, extra: 1 }, { statusCode: 200, headers: { a: {} } }]) {
      expect(mapProxyResult(bad)).toBeUndefined();
    }
  });
});

describe('usage plans', () => {
  it('throttles with a token bucket and counts quota per period', () => {
    const usage = new Usage(resolver);
    const plan = usage.plan(resolver.ref('P'));
    const t = 1_700_000_000_000;
    expect([usage.take(plan, 'k', t), usage.take(plan, 'k', t), usage.take(plan, 'k', t)]).toEqual(['OK', 'OK', 'THROTTLED']);
    expect(usage.take(plan, 'k', t + 500)).toBe('OK'); // 2 tokens/s: one back after 500 ms
  });
  it('starts quota periods at UTC midnight, weekday offset and month day offset', () => {
    const at = new Date('2026-03-18T15:00:00Z'); // a Wednesday
    expect(new Date(quotaPeriodStart({ limit: 1, offset: 0, period: 'DAY' }, at)).toISOString()).toBe('2026-03-18T00:00:00.000Z');
    expect(new Date(quotaPeriodStart({ limit: 1, offset: 1, period: 'WEEK' }, at)).toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(new Date(quotaPeriodStart({ limit: 1, offset: 19, period: 'MONTH' }, at)).toISOString()).toBe('2026-02-20T00:00:00.000Z');
  });
});

describe('schedules', () => {
  it('parses rate() and matches EventBridge cron fields in UTC', () => {
    expect(parseSchedule('rate(5 minutes)')).toEqual({ kind: 'rate', everyMs: 300_000 });
    const { fields } = parseSchedule('cron(0/15 3 ? * MON-FRI *)') as { fields: string[] };
    expect(cronMatches(fields, new Date('2026-03-18T03:30:00Z'))).toBe(true);
    expect(cronMatches(fields, new Date('2026-03-18T03:31:00Z'))).toBe(false);
    expect(cronMatches(fields, new Date('2026-03-21T03:30:00Z'))).toBe(false); // Saturday
  });
});
