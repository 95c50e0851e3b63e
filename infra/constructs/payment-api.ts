import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  EndpointType,
  type IResource,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  ResponseType,
  RestApi,
  SecurityPolicy,
  type Period,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayDomain } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

/** Throttle and quota of one usage plan; each merchant key is put in one tier's plan. */
export interface UsagePlanTier {
  /** Steady-state requests per second. */
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly quota: { readonly limit: number; readonly period: Period };
}

export interface PaymentApiProps {
  readonly tenant: string;
  /** Keyed by tier name (lowercase letters and digits): one usage plan `<tenant>-<tier>` each. */
  readonly tiers: Readonly<Record<string, UsagePlanTier>>;
  readonly authorizer: IFunction;
  readonly createPayment: IFunction;
  readonly getPayment: IFunction;
  readonly listPayments: IFunction;
  readonly listPaymentEvents: IFunction;
  readonly closePayment: IFunction;
  readonly syncPayment: IFunction;
  /** POST /v1/groups. */
  readonly createGroup: IFunction;
  /** GET /v1/groups and GET /v1/groups/{groupNo}. */
  readonly readGroups: IFunction;
  /** POST /v1/groups/{groupNo}/close and /sync. */
  readonly groupLifecycle: IFunction;
  /** Every `/v1/accounts` method (functions/api/accounts.ts, the ledger). */
  readonly accounts: IFunction;
  readonly createRefund: IFunction;
  readonly listRefunds: IFunction;
  /** GET /v1/reports/reconciliation: the day's statement reconciliation reports. */
  readonly getReconciliation: IFunction;
  /** GET /v1/reports/daily: daily figures from the sharded counters. */
  readonly getDailyReport: IFunction;
  readonly listNotifications: IFunction;
  readonly resendNotification: IFunction;
  readonly openApi: IFunction;
  /** Every `/v1/admin` method (functions/admin/api.ts): IAM-signed callers only, never a merchant key. */
  readonly admin: IFunction;
  /** Callback function by provider name (lowercase letters and digits): `POST /callbacks/<provider>/{payId}` each. */
  readonly callbacks: Readonly<Record<string, IFunction>>;
  /** Also serves the live stage at `https://<domainName>/`. @default the execute-api URL only */
  readonly customDomain?: CustomDomain;
}

/** A custom domain name for the API: the certificate must be in the stack's account and region (regional endpoint). */
export interface CustomDomain {
  readonly domainName: string;
  /** ACM certificate covering domainName. */
  readonly certificateArn: string;
  /** With hostedZoneName: an alias A record for domainName is added to this Route 53 zone. @default DNS is the operator's */
  readonly hostedZoneId?: string;
  readonly hostedZoneName?: string;
}

export const TIER_NAME = /^[a-z][a-z0-9]{0,30}$/;
const PROVIDER_NAME = /^[a-z][a-z0-9]{0,30}$/;

/**
 * Stage throttle of each callback method, across all callers. Usage plans cannot limit these
 * methods (providers send no API key), so this keeps a flood of forged callbacks from using up the
 * account's regional request limit, which the merchants' /v1 calls share. Providers retry what is
 * refused, so a 429 delays a genuine callback, it does not lose it.
 */
export const CALLBACK_THROTTLE = { rateLimit: 200, burstLimit: 400 } as const;

/** The public OpenAPI document's path: no API key, so SDK generators and schema fuzzers can read it. */
export const PUBLIC_OPENAPI_PATH = '/openapi.json';

/**
 * Stage throttle of the public OpenAPI document, which no usage plan limits either. Its readers are
 * tools fetching one cacheable document (Cache-Control 5 min), so a low limit costs them nothing.
 */
export const PUBLIC_OPENAPI_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;

/** `standard` → `Standard`: a tier name as part of a construct id or an output name. */
export const capitalize = (tier: string) => `${tier.charAt(0).toUpperCase()}${tier.slice(1)}`;

/**
 * The merchant-facing REST API. Every `/v1` method needs an API key, which API Gateway checks
 * against the key's usage plan (throttle, quota), and passes the Lambda authorizer, which maps
 * the key to its company and refuses disabled ones. The provider callbacks under `/callbacks`
 * need neither (providers cannot send our keys): their functions verify the provider's signature,
 * and a stage throttle per callback method stands in for the usage plans.
 *
 * No API keys are created here: the admin code creates them at runtime with API Gateway's
 * CreateApiKey and CreateUsagePlanKey, putting each in the usage plan of its tier.
 */
export class PaymentApi extends Construct {
  /** The path of each provider's callback method, e.g. `/callbacks/alipay/{payId}`. */
  static callbackPath(provider: string): string {
    return `/callbacks/${provider}/{payId}`;
  }

  /** The name of a tier's usage plan: what the admin function looks its id up by. */
  static usagePlanName(tenant: string, tier: string): string {
    return `${tenant}-${tier}`;
  }

  readonly restApi: RestApi;
  /** Usage plans by tier name. */
  readonly usagePlans: ReadonlyMap<string, UsagePlan>;

  constructor(scope: Construct, id: string, props: PaymentApiProps) {
    super(scope, id);

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });

    const providers = Object.keys(props.callbacks);
    for (const provider of providers) {
      if (!PROVIDER_NAME.test(provider)) {
        throw new Error(`Callback provider "${provider}" must match ${PROVIDER_NAME} (it is a path segment and part of construct ids)`);
      }
    }
    const executionLogging = { loggingLevel: MethodLoggingLevel.ERROR, dataTraceEnabled: false, metricsEnabled: true } as const;

    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: `payee-${props.tenant}`,
      description: `payee payment API for tenant ${props.tenant}`,
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      apiKeySourceType: ApiKeySourceType.HEADER,
      // Execution logging writes through the account's API Gateway CloudWatch role, a single
      // setting per account and region shared by every tenant's stack: no tenant stack owns it.
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'live',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            requestTime: AccessLogField.contextRequestTimeEpoch(),
            ip: AccessLogField.contextIdentitySourceIp(),
            apiKeyId: AccessLogField.contextIdentityApiKeyId(),
            principalId: AccessLogField.contextAuthorizerPrincipalId(),
            httpMethod: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            // Tells apart the refusals that all answer 403 (ACCESS_DENIED, UNAUTHORIZED, INVALID_API_KEY, ...).
            errorType: AccessLogField.contextErrorResponseType(),
            responseLength: AccessLogField.contextResponseLength(),
            latency: AccessLogField.contextResponseLatency(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
          }),
        ),
        // Request and response bodies carry payment data: never log them (dataTraceEnabled false).
        ...executionLogging,
        tracingEnabled: true,
        // A method's own settings replace the stage's, so they repeat its logging settings.
        methodOptions: {
          ...Object.fromEntries(
            providers.map((provider) => [
              `${PaymentApi.callbackPath(provider)}/POST`,
              { ...executionLogging, throttlingRateLimit: CALLBACK_THROTTLE.rateLimit, throttlingBurstLimit: CALLBACK_THROTTLE.burstLimit },
            ]),
          ),
          [`${PUBLIC_OPENAPI_PATH}/GET`]: {
            ...executionLogging,
            throttlingRateLimit: PUBLIC_OPENAPI_THROTTLE.rateLimit,
            throttlingBurstLimit: PUBLIC_OPENAPI_THROTTLE.burstLimit,
          },
        },
      },
    });

    // RestApi always outputs its URL as `<id>Endpoint<hash>`; the stack outputs it as `ApiUrl`.
    this.restApi.node.tryRemoveChild('Endpoint');

    const authorizer = new RequestAuthorizer(this, 'ApiKeyAuthorizer', {
      handler: props.authorizer,
      identitySources: [IdentitySource.header('x-api-key')],
      resultsCacheTtl: Duration.seconds(60),
    });

    // A missing, unknown or disabled key gets API Gateway's own missing-key answer, so a caller
    // cannot tell which check refused it (API Gateway would answer 401 for a missing identity
    // source and the authorizer's Deny would be a 403 with another message).
    for (const [responseId, type] of [
      ['Unauthorized', ResponseType.UNAUTHORIZED],
      ['AccessDenied', ResponseType.ACCESS_DENIED],
    ] as const) {
      this.restApi.addGatewayResponse(responseId, {
        type,
        statusCode: '403',
        templates: { 'application/json': '{"message":"Forbidden"}' },
      });
    }

    // No method at this path (or an /v1/admin call without a SigV4 signature, which API Gateway
    // reports the same way): a 404 in the API's error shape instead of 403 "Missing Authentication Token".
    this.restApi.addGatewayResponse('RouteNotFound', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      templates: {
        'application/json':
          '{"error":{"type":"not_found","code":"route_not_found","message":"No such route: check the method and path (an /v1/admin call must be signed with SigV4)","requestId":"$context.requestId"}}',
      },
    });
    // The authorizer failed (its key lookup timed out: lib/aws/client-options.ts): retryable, as the API's own 503.
    this.restApi.addGatewayResponse('AuthorizerUnavailable', {
      type: ResponseType.AUTHORIZER_CONFIGURATION_ERROR,
      statusCode: '503',
      responseHeaders: { 'Retry-After': "'2'" },
      templates: {
        'application/json':
          '{"error":{"type":"unavailable","code":"service_unavailable","message":"payee could not check the API key in time; retry","requestId":"$context.requestId"}}',
      },
    });
    // API Gateway's own 5xx (a function that timed out or crashed): the error shape, and safe to retry.
    this.restApi.addGatewayResponse('GatewayError', {
      type: ResponseType.DEFAULT_5XX,
      templates: {
        'application/json':
          '{"error":{"type":"internal","code":"internal_error","message":"Something went wrong on our side; it is safe to retry with the same Idempotency-Key","requestId":"$context.requestId"}}',
      },
    });

    const requestValidator = this.restApi.addRequestValidator('ParameterValidator', {
      validateRequestParameters: true,
    });
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'API Gateway validates request parameters; bodies are validated in each Lambda by the zod schemas that also generate the OpenAPI document, so errors keep the API error shape.',
    });

    // Every method below /v1 inherits these options (all but the validator, which CDK does not
    // pass down: `route` sets it).
    const v1 = this.restApi.root.addResource('v1', {
      defaultMethodOptions: { apiKeyRequired: true, authorizer },
    });
    Validations.of(v1).acknowledge({
      id: 'AwsSolutions-COG4',
      reason:
        'Callers are merchant backends, not users: they authenticate with an API key, checked by API Gateway against its usage plan and by the Lambda authorizer against the stored key hash.',
    });
    const route = (resource: IResource, httpMethod: string, handler: IFunction, requestParameters?: Record<string, boolean>) =>
      resource.addMethod(httpMethod, new LambdaIntegration(handler), { requestValidator, requestParameters });

    const payments = v1.addResource('payments');
    route(payments, 'POST', props.createPayment);
    route(payments, 'GET', props.listPayments);
    const payment = payments.addResource('{payNo}');
    route(payment, 'GET', props.getPayment, { 'method.request.path.payNo': true });
    const payNo = { 'method.request.path.payNo': true };
    route(payment.addResource('events'), 'GET', props.listPaymentEvents, payNo);
    route(payment.addResource('close'), 'POST', props.closePayment, payNo);
    route(payment.addResource('sync'), 'POST', props.syncPayment, payNo);
    const refunds = payment.addResource('refunds');
    route(refunds, 'POST', props.createRefund, payNo);
    route(refunds, 'GET', props.listRefunds, payNo);
    const notifications = payment.addResource('notifications');
    route(notifications, 'GET', props.listNotifications, payNo);
    route(notifications.addResource('resend'), 'POST', props.resendNotification, payNo);
    // The query (day, payId) is validated by the function, so a bad one gets the API's error shape.
    const groups = v1.addResource('groups');
    route(groups, 'POST', props.createGroup);
    route(groups, 'GET', props.readGroups);
    const group = groups.addResource('{groupNo}');
    const groupNo = { 'method.request.path.groupNo': true };
    route(group, 'GET', props.readGroups, groupNo);
    route(group.addResource('close'), 'POST', props.groupLifecycle, groupNo);
    route(group.addResource('sync'), 'POST', props.groupLifecycle, groupNo);
    const accounts = v1.addResource('accounts');
    route(accounts, 'POST', props.accounts);
    route(accounts, 'GET', props.accounts);
    const account = accounts.addResource('{accountId}');
    const accountId = { 'method.request.path.accountId': true };
    route(account, 'GET', props.accounts, accountId);
    route(account.addResource('flows'), 'GET', props.accounts, accountId);
    route(account.addResource('balance'), 'GET', props.accounts, accountId);
    const reports = v1.addResource('reports');
    route(reports.addResource('reconciliation'), 'GET', props.getReconciliation);
    route(reports.addResource('daily'), 'GET', props.getDailyReport);
    route(v1.addResource('openapi.json'), 'GET', props.openApi);
    // The same document without an API key (README: the contract is public; it holds no secret).
    const publicOpenApi = this.restApi.root.addResource(PUBLIC_OPENAPI_PATH.slice(1));
    publicOpenApi.addMethod('GET', new LambdaIntegration(props.openApi), { authorizationType: AuthorizationType.NONE, apiKeyRequired: false, requestValidator });
    Validations.of(publicOpenApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The OpenAPI document is public on purpose (SDK generators and schema fuzzers read it): it describes the API and holds no data; a stage throttle limits it.',
    });
    Validations.of(publicOpenApi).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'The OpenAPI document is public on purpose: no caller identity is needed to read it.',
    });

    // The operator's API (ARCHITECTURE §3 configuration): IAM authorization (SigV4), so neither a
    // merchant's API key nor the merchant authorizer is taken here, and a merchant key alone gets
    // API Gateway's 403. One function routes every method (few resources, one cold start).
    const admin = v1.addResource('admin', {
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM, apiKeyRequired: false, authorizer: undefined },
    });
    Validations.of(admin).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: "Callers are the tenant's operators and deploy automation: AWS IAM principals signing with SigV4 (execute-api:Invoke), not users of a Cognito pool.",
    });
    const adminRoute = (resource: IResource, httpMethod: string, ...params: string[]) =>
      route(resource, httpMethod, props.admin, params.length ? Object.fromEntries(params.map((p) => [`method.request.path.${p}`, true])) : undefined);
    const templates = admin.addResource('templates');
    adminRoute(templates, 'GET');
    adminRoute(templates.addResource('{channel}').addResource('{mode}'), 'GET', 'channel', 'mode');
    const companies = admin.addResource('companies');
    adminRoute(companies, 'POST');
    const company = companies.addResource('{companyId}');
    adminRoute(company, 'GET', 'companyId');
    adminRoute(company.addResource('children'), 'GET', 'companyId');
    adminRoute(company.addResource('ledger'), 'PUT', 'companyId');
    adminRoute(company.addResource('notify-secret').addResource('rotate'), 'POST', 'companyId');
    const scenes = company.addResource('scenes');
    adminRoute(scenes, 'GET', 'companyId');
    const scene = scenes.addResource('{code}');
    for (const m of ['PUT', 'GET', 'DELETE']) adminRoute(scene, m, 'companyId', 'code');
    const companyConfigs = company.addResource('pay-configs');
    adminRoute(companyConfigs, 'POST', 'companyId');
    adminRoute(companyConfigs, 'GET', 'companyId');
    const payConfig = admin.addResource('pay-configs').addResource('{payId}');
    adminRoute(payConfig, 'GET', 'payId');
    adminRoute(payConfig, 'PUT', 'payId');
    adminRoute(payConfig.addResource('disable'), 'POST', 'payId');
    const companyKeys = company.addResource('api-keys');
    adminRoute(companyKeys, 'POST', 'companyId');
    adminRoute(companyKeys, 'GET', 'companyId');
    const apiKey = companyKeys.addResource('{apiKeyId}');
    adminRoute(apiKey.addResource('rotate'), 'POST', 'companyId', 'apiKeyId');
    adminRoute(apiKey.addResource('disable'), 'POST', 'companyId', 'apiKeyId');

    // Provider callbacks (ARCHITECTURE §5 flow 2): outside /v1, so they inherit neither the API key
    // nor the authorizer. Providers cannot send a merchant's key; each callback function verifies
    // the provider's signature (and the payment's amount and config) before anything is queued.
    if (providers.length > 0) {
      const callbacks = this.restApi.root.addResource('callbacks');
      Validations.of(callbacks).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "Payment providers (Alipay, WeChat Pay, UnionPay, PayPal) call these methods and cannot send an API key or any other credential of ours; the callback function verifies the provider's signature on each request and answers 4xx to anything unsigned or forged before anything is queued.",
      });
      Validations.of(callbacks).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'Callers are payment providers, not users: they authenticate by signing each callback with their own key, which the callback function verifies; a Cognito user pool cannot represent them.',
      });
      for (const [provider, handler] of Object.entries(props.callbacks)) {
        callbacks
          .addResource(provider)
          .addResource('{payId}')
          .addMethod('POST', new LambdaIntegration(handler), {
            authorizationType: AuthorizationType.NONE,
            apiKeyRequired: false,
            requestValidator,
            requestParameters: { 'method.request.path.payId': true },
          });
      }
    }

    Validations.of(this.restApi.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Every /v1 call needs an API key in a throttled usage plan and passes the Lambda authorizer (the /v1/admin methods an IAM signature instead), and the provider callback methods have their own stage throttle and verify each signature; a WAF web ACL is priced per ACL and per request, so it is associated per account from outside the tenant stack where a tenant needs one.',
    });

    const usagePlans = new Map<string, UsagePlan>();
    for (const [tier, { rateLimit, burstLimit, quota }] of Object.entries(props.tiers)) {
      if (!TIER_NAME.test(tier)) {
        throw new Error(`Usage plan tier "${tier}" must match ${TIER_NAME} (it names the plan and a stack output)`);
      }
      const plan = this.restApi.addUsagePlan(`${capitalize(tier)}UsagePlan`, {
        name: PaymentApi.usagePlanName(props.tenant, tier),
        throttle: { rateLimit, burstLimit },
        quota: { limit: quota.limit, period: quota.period },
        apiStages: [{ api: this.restApi, stage: this.restApi.deploymentStage }],
      });
      usagePlans.set(tier, plan);
    }
    this.usagePlans = usagePlans;

    if (props.customDomain) {
      const { domainName, certificateArn, hostedZoneId, hostedZoneName } = props.customDomain;
      if ((hostedZoneId === undefined) !== (hostedZoneName === undefined)) {
        throw new Error(`Custom domain ${domainName}: give hostedZoneId and hostedZoneName together, or neither`);
      }
      // The empty base path maps https://<domainName>/ to the live stage: the same paths as under the execute-api URL.
      const domain = this.restApi.addDomainName('CustomDomain', {
        domainName,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      if (hostedZoneId && hostedZoneName) {
        new ARecord(this, 'CustomDomainAlias', {
          zone: HostedZone.fromHostedZoneAttributes(this, 'HostedZone', { hostedZoneId, zoneName: hostedZoneName }),
          recordName: domainName,
          target: RecordTarget.fromAlias(new ApiGatewayDomain(domain)),
        });
      }
    }
  }
}
