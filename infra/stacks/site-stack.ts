/**
 * The website's stack (ARCHITECTURE §11): site/dist in a private S3 bucket behind CloudFront
 * (origin access control), the route rewrites of site-routes.ts as a viewer-request function, the
 * language's 404 page for a missing one, security headers; a deployment copies the build in and
 * invalidates the distribution. The status page's figures: the site's table, the canary function
 * every minute against a payee API (parameters CanaryApiUrl, CanaryApiKey: a test merchant's), and
 * /status.json answered by a function behind the same distribution. The member API (lib/members):
 * /api/members/* through CloudFront to an HTTP API and its function, members in the site table,
 * mail through SES from the MailFrom parameter's address. One stack for the project's site, apart
 * from the tenants' stacks.
 */
import { CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { PayeeFunction } from '../constructs/payee-function.ts';
import { memberRequestCode, viewerRequestCode } from '../constructs/site-routes.ts';

export interface SiteStackProps extends StackProps {
  /** The built site (`npm run build` in site/ writes site/dist). */
  readonly siteDir: string;
}

export class SiteStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);

    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'The access log bucket itself: logging it would log the logs.' });

    const content = new Bucket(this, 'Content', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const routes = new CloudFrontFunction(this, 'Routes', {
      comment: 'Directory indexes and the API reference routes (infra/constructs/site-routes.ts)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerRequestCode()),
    });

    // The site's own table (ARCHITECTURE §11): the canary's records now, members' usr_* items later.
    const table = new Table(this, 'SiteTable', {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const apiUrl = new CfnParameter(this, 'CanaryApiUrl', { type: 'String', description: "The payee API the canary calls (a tenant's ApiUrl output)" });
    const apiKey = new CfnParameter(this, 'CanaryApiKey', { type: 'String', noEcho: true, description: 'A test merchant’s API key (sandbox pay configs): the canary creates, queries and closes payments with it' });
    const canary = new PayeeFunction(this, 'Canary', {
      entry: 'functions/site/canary.ts',
      tenant: 'site',
      timeout: Duration.seconds(50),
      table: { table, access: 'readWrite' },
      environment: { CANARY_API_URL: apiUrl.valueAsString, CANARY_API_KEY: apiKey.valueAsString },
    });
    new Rule(this, 'CanarySchedule', {
      description: 'A payment round trip per channel (create, query, close) for the status page',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(canary.function, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });

    // The site as a merchant of the gateway: plans are paid through it, and the status page shows its payments' figures.
    const gatewayApiUrl = new CfnParameter(this, 'GatewayApiUrl', { type: 'String', description: "The payee API members test on and plans are paid through (a tenant's ApiUrl output)" });
    const siteMerchantKey = new CfnParameter(this, 'SiteMerchantKey', { type: 'String', noEcho: true, description: "The site's own merchant API key on that gateway (plans are paid through it)" });
    const status = new PayeeFunction(this, 'Status', {
      entry: 'functions/site/status.ts',
      tenant: 'site',
      timeout: Duration.seconds(10),
      table: { table, access: 'read' },
      environment: { PAYEE_API_URL: gatewayApiUrl.valueAsString, SITE_MERCHANT_KEY: siteMerchantKey.valueAsString },
    });
    // Only CloudFront calls it (origin access control signs each request).
    const statusUrl = status.function.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM });

    // The member API: an HTTP API reached through CloudFront (one origin for pages, cookies and API).
    const mailFrom = new CfnParameter(this, 'MailFrom', { type: 'String', description: 'The address member mails are sent from: an identity verified in SES' });
    // Online testing and plan purchase: the payee gateway members test on, and the site as its merchant.
    const gatewayApiArn = new CfnParameter(this, 'GatewayAdminApiArn', { type: 'String', description: "The execute-api ARN of that API (arn:aws:execute-api:<region>:<account>:<api id>): the member API calls its /v1/admin routes" });
    const wechatSandboxUrl = new CfnParameter(this, 'WechatSandboxUrl', { type: 'String', description: 'The WeChat Pay sandbox that issues members\' sandbox merchants (POST /sandbox/merchants)' });
    const siteNotifySecret = new CfnParameter(this, 'SiteNotifySecret', { type: 'String', noEcho: true, description: "The site merchant's notify secret: plan payments' Payee-Signature is verified with it" });
    const wechatAppId = new CfnParameter(this, 'WechatLoginAppId', { type: 'String', default: '', description: 'The WeChat website application (open.weixin.qq.com) members log in with; empty: no WeChat login' });
    const wechatSecret = new CfnParameter(this, 'WechatLoginSecret', { type: 'String', default: '', noEcho: true, description: 'That application’s AppSecret' });
    const members = new PayeeFunction(this, 'Members', {
      entry: 'functions/site/members.ts',
      tenant: 'site',
      timeout: Duration.seconds(15),
      table: { table, access: 'readWrite' },
      environment: {
        MAIL_FROM: mailFrom.valueAsString,
        PAYEE_API_URL: gatewayApiUrl.valueAsString,
        WECHAT_SANDBOX_URL: wechatSandboxUrl.valueAsString,
        SITE_MERCHANT_KEY: siteMerchantKey.valueAsString,
        SITE_NOTIFY_SECRET: siteNotifySecret.valueAsString,
        WECHAT_LOGIN_APPID: wechatAppId.valueAsString,
        WECHAT_LOGIN_SECRET: wechatSecret.valueAsString,
      },
    });
    members.function.addToRolePolicy(new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [`${gatewayApiArn.valueAsString}/*/*/v1/admin/*`] }));
    members.function.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [`arn:${this.partition}:ses:${this.region}:${this.account}:identity/*`] }));
    Validations.of(members).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]`,
        reason: 'SES checks SendEmail against the sender identity and, in the SES sandbox, every recipient identity: the recipients are the members, not known at deployment.',
      },
      { id: 'AwsSolutions-IAM5[Resource::<GatewayAdminApiArn>/*/*/v1/admin/*]', reason: "The gateway's admin routes only (every stage and method under /v1/admin): the member API makes members' sandbox companies through them." },
    );
    const memberApi = new HttpApi(this, 'MemberApi', { description: 'payee website: the member API (lib/members)', createDefaultStage: true });
    memberApi.addRoutes({ path: '/api/members/{proxy+}', methods: [HttpMethod.GET, HttpMethod.POST], integration: new HttpLambdaIntegration('MembersIntegration', members.function) });
    const apiLogs = new LogGroup(this, 'MemberApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = memberApi.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: apiLogs.logGroupArn,
      format: JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', method: '$context.httpMethod', path: '$context.path', status: '$context.status', latencyMs: '$context.responseLatency' }),
    };
    stage.defaultRouteSettings = { throttlingBurstLimit: 100, throttlingRateLimit: 50 };
    Validations.of(memberApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Sign-up, login and password reset are public by nature; every other route checks the session cookie in the function (lib/members/http.ts), a member seeing only their own account.',
    });
    const memberHost = new CloudFrontFunction(this, 'MemberHost', {
      comment: "Passes the site's host to the member API as x-site-host (links in mails)",
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(memberRequestCode()),
    });
    const memberHeaders = new OriginRequestPolicy(this, 'MemberApiRequests', {
      comment: 'The member API: cookies, the CSRF and language headers, the site host, the viewer address',
      cookieBehavior: OriginRequestCookieBehavior.all(),
      headerBehavior: OriginRequestHeaderBehavior.allowList('x-csrf-token', 'x-site-lang', 'x-site-host', 'sec-fetch-site', 'content-type', 'CloudFront-Viewer-Address'),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'payee website',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(content),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: routes, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/status.json': {
          origin: FunctionUrlOrigin.withOriginAccessControl(statusUrl),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          compress: true,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        },
        '/api/members/*': {
          origin: new HttpOrigin(`${memberApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: memberHeaders,
          responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
          functionAssociations: [{ function: memberHost, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
      // Without s3:ListBucket a missing key is a 403 from S3: both are the site's 404 page.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 404, responsePagePath: '/404.html', ttl: Duration.minutes(1) })),
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'A public website for every country: no geo restriction.' },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Static files, and a member API whose abuse cases (login guessing, sign-up floods) are limited per e-mail and IP in the API itself and throttled at the stage: no WAF web ACL.',
      },
      { id: 'AwsSolutions-CFR4', reason: 'The default CloudFront certificate (*.cloudfront.net) fixes the TLS policy; a custom domain with its own certificate sets TLSv1.2_2021.' },
    );

    new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.siteDir)],
      destinationBucket: content,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    // The deployment's function and role are CDK's own (aws-s3-deployment), not code of this repository.
    const deployer = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    Validations.of(deployer).acknowledge(
      { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's deployment function writes its logs with the basic execution role." },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: "CDK's deployment function reads the build's asset and replaces every object of the site bucket (grantReadWrite's action groups).",
      })),
      { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason: 'The bootstrap asset bucket, where the build is uploaded under a hashed key.' },
      { id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(content.node.defaultChild as CfnBucket)}.Arn>/*]`, reason: 'Every object of the site bucket: a deployment replaces the whole site.' },
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'cloudfront:CreateInvalidation and GetInvalidation take no resource narrower than * in CDK\'s deployment policy.' },
      { id: 'AwsSolutions-L1', reason: "CDK's deployment function picks its own runtime." },
    );

    new CfnOutput(this, 'SiteUrl', { value: `https://${this.distribution.distributionDomainName}/` });
    new CfnOutput(this, 'BucketName', { value: content.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'SiteTableName', { value: table.tableName });
    new CfnOutput(this, 'MemberApiId', { value: memberApi.apiId });
    new CfnOutput(this, 'CanaryFunctionName', { value: canary.function.functionName });
  }
}
