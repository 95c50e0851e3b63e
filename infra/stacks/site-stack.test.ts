import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteApp } from './site-app.ts';
import { viewerRequestCode } from '../constructs/site-routes.ts';

// A stand-in build: the stack takes whatever directory site/dist is.
const siteDir = mkdtempSync(path.join(tmpdir(), 'payee-site-dist-'));
writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>payee</title>');

const { app, stack } = buildSiteApp({ siteDir, outdir: mkdtempSync(path.join(tmpdir(), 'payee-site-cdk-')) });
let template: Template;
let assemblyDir: string;
beforeAll(() => {
  assemblyDir = app.synth().directory;
  template = Template.fromStack(stack);
});

describe('site stack', () => {
  it('keeps the files in a private, encrypted, TLS-only bucket that only CloudFront reads (origin access control)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) },
    });
  });

  it('serves HTTPS only, compressed, with security headers, the route function and the 404 page', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          Compress: true,
          ResponseHeadersPolicyId: Match.anyValue(),
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
          { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 },
        ],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: viewerRequestCode(), FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }) });
  });

  it('copies the build into the bucket and invalidates the distribution', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['BucketName', 'CanaryFunctionName', 'DistributionId', 'MemberApiId', 'SiteTableName', 'SiteUrl']);
  });

  it('runs the canary every minute against the API the parameters name, the key never echoed', () => {
    expect(template.toJSON().Parameters).toMatchObject({ CanaryApiUrl: { Type: 'String' }, CanaryApiKey: { Type: 'String', NoEcho: true } });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 minute)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CANARY_API_URL: { Ref: 'CanaryApiUrl' }, CANARY_API_KEY: { Ref: 'CanaryApiKey' } }) },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('answers /status.json from the status function through CloudFront only (IAM-authorized function URL, origin access control)', () => {
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/status.json', ViewerProtocolPolicy: 'redirect-to-https' })]) }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    // The gateway's view: the site merchant's daily report, read with the gateway's URL and the site's key.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PAYEE_API_URL: { Ref: 'GatewayApiUrl' }, SITE_MERCHANT_KEY: { Ref: 'SiteMerchantKey' }, SITE_NOTIFY_SECRET: Match.absent() }) },
    });
  });

  it('serves the member API at /api/members/* through CloudFront: HTTPS only, uncached, cookies and the CSRF header passed on, an HTTP API with access logs and its function on the site table', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/api/members/*',
            ViewerProtocolPolicy: 'https-only',
            AllowedMethods: Match.arrayWith(['GET', 'POST']),
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        CookiesConfig: { CookieBehavior: 'all' },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.arrayWith(['x-csrf-token', 'CloudFront-Viewer-Address']) },
      }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /api/members/{proxy+}' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }) });
    expect(template.toJSON().Parameters).toMatchObject({ MailFrom: { Type: 'String' }, GatewayApiUrl: { Type: 'String' }, SiteMerchantKey: { NoEcho: true }, SiteNotifySecret: { NoEcho: true }, WechatLoginSecret: { NoEcho: true } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', [{ Ref: 'GatewayAdminApiArn' }, '/*/*/v1/admin/*']] } })]) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MAIL_FROM: { Ref: 'MailFrom' }, TABLE_NAME: Match.anyValue() }) } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ses:SendEmail' })]) },
    });
  });

  it('leaves cdk-nag AwsSolutions and the validation report without a finding', () => {
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(assemblyDir, 'validation-report.json'), 'utf8'));
    const findings = report.pluginReports.flatMap((p: any) => p.violations.map((v: any) => `${p.pluginName} ${v.severity} ${v.ruleName} ${v.violatingConstructs.map((c: any) => c.constructPath)}`));
    expect(findings).toEqual([]);
  });
});
