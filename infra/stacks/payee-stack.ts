import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Period } from 'aws-cdk-lib/aws-apigateway';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { Monitoring } from '../constructs/monitoring.ts';
import { PayeeFunction } from '../constructs/payee-function.ts';
import { capitalize, PaymentApi, type CustomDomain, type UsagePlanTier } from '../constructs/payment-api.ts';
import { PaymentEvents } from '../constructs/payment-events.ts';
import { Plugins } from '../constructs/plugins.ts';
import { PaymentTable } from '../constructs/payment-table.ts';
import { WorkQueue } from '../constructs/work-queue.ts';
import { SecretsKey } from '../constructs/secrets-key.ts';
import { DEFAULT_RETRY_SCHEDULE } from '../../lib/notify/schedule.ts';
import { NOTIFICATION_ENTITY } from '../../lib/store/dynamodb/notification-items.ts';

/** An ARN as cdk-nag writes it in a finding: references rendered as `<Name>`. */
function nagName(stack: Stack, arn: string): string {
  const resolved = stack.resolve(arn);
  if (typeof resolved === 'string') return resolved;
  return (resolved['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref}>`)).join('');
}

/** Tiers a tenant gets unless its settings say otherwise. */
export const DEFAULT_TIERS: Readonly<Record<string, UsagePlanTier>> = {
  standard: { rateLimit: 1000, burstLimit: 2000, quota: { limit: 10_000_000, period: Period.MONTH } },
  trial: { rateLimit: 5, burstLimit: 10, quota: { limit: 10_000, period: Period.DAY } },
};

/**
 * Providers whose callbacks the stack receives: each gets the function `<Provider>Callback` from
 * `functions/callback/<provider>.ts` and the route `POST /callbacks/<provider>/{payId}`.
 */
export const CALLBACK_PROVIDERS = ['alipay', 'wechat', 'unionpay', 'paypal'] as const;

/** One POST to a merchant's notifyUrl, connect to last byte. */
const NOTIFY_ATTEMPT_TIMEOUT_MS = 5000;
/** A batch of 10 notifications attempted in parallel, each within NOTIFY_ATTEMPT_TIMEOUT_MS, with room for the writes. */
const NOTIFIER_TIMEOUT = Duration.seconds(30);

/** The status worker's timeout; the callback queue's visibility timeout is six times it. */
const STATUS_WORKER_TIMEOUT = Duration.seconds(5);

/** The reconciler runs every minute; each run stops starting work well before this (functions/worker/reconcile.ts). */
const RECONCILER_TIMEOUT = Duration.seconds(60);
/** One pay config's statement download and comparison (the daily run gives each config its own invocation). */
const STATEMENT_RECONCILER_TIMEOUT = Duration.minutes(5);

export interface PayeeStackProps extends StackProps {
  readonly tenant: string;
  /** Usage-plan tiers by name. @default DEFAULT_TIERS */
  readonly tiers?: Readonly<Record<string, UsagePlanTier>>;
  /** Address subscribed to the alarm topic. @default no subscription */
  readonly alarmEmail?: string;
  /** A domain name of the tenant's for the API, besides its execute-api URL. @default none */
  readonly customDomain?: CustomDomain;
  /** Plugins enabled with their settings, by name (tenants.json `plugins`), checked against each manifest. @default none */
  readonly plugins?: Readonly<Record<string, unknown>>;
}

/**
 * One tenant's payment gateway: table, API functions, REST API, provider callbacks with their
 * FIFO queue and status worker, alarms and dashboard.
 */
export class PayeeStack extends Stack {
  constructor(scope: Construct, id: string, props: PayeeStackProps) {
    super(scope, id, { description: `payee payment gateway, tenant ${props.tenant}`, ...props });
    const { tenant } = props;
    const tiers = props.tiers ?? DEFAULT_TIERS;

    const table = new PaymentTable(this, 'Payments');

    const callbackQueue = new WorkQueue(this, 'Callback', { consumerTimeout: STATUS_WORKER_TIMEOUT, fifo: true });
    const notifyQueue = new WorkQueue(this, 'Notify', { consumerTimeout: NOTIFIER_TIMEOUT, fifo: false });
    const statementQueue = new WorkQueue(this, 'Statement', { consumerTimeout: STATEMENT_RECONCILER_TIMEOUT, fifo: false });
    const paymentEvents = new PaymentEvents(this, 'PaymentEvents');

    const fn = (name: string, entry: string, seconds: number, access?: 'read' | 'readWrite', environment?: Record<string, string>) =>
      new PayeeFunction(this, name, {
        entry,
        tenant,
        timeout: Duration.seconds(seconds),
        table: access && { table, access },
        environment,
      });
    const callbacks = Object.fromEntries(
      CALLBACK_PROVIDERS.map((provider) => {
        const callback = fn(`${capitalize(provider)}Callback`, `functions/callback/${provider}.ts`, 10, 'read', {
          CALLBACK_QUEUE_URL: callbackQueue.queue.queueUrl,
        });
        // SendMessage only: the function is given the queue URL, so it needs neither GetQueueUrl nor GetQueueAttributes.
        callbackQueue.queue.grant(callback.function, 'sqs:SendMessage');
        return [provider, callback];
      }),
    );
    const functions = {
      ApiAuthorizer: fn('ApiAuthorizer', 'functions/api/authorizer.ts', 5, 'read'),
      CreatePayment: fn('CreatePayment', 'functions/api/create-payment.ts', 15, 'readWrite'),
      GetPayment: fn('GetPayment', 'functions/api/get-payment.ts', 10, 'read'),
      ListPayments: fn('ListPayments', 'functions/api/list-payments.ts', 10, 'read'),
      ListPaymentEvents: fn('ListPaymentEvents', 'functions/api/list-payment-events.ts', 10, 'read'),
      ClosePayment: fn('ClosePayment', 'functions/api/close-payment.ts', 15, 'readWrite'),
      // readWrite: sync settles the payment's open refunds as well (lib/refunds/settle-open-refunds.ts).
      SyncPayment: fn('SyncPayment', 'functions/api/sync-payment.ts', 10, 'readWrite', { CALLBACK_QUEUE_URL: callbackQueue.queue.queueUrl }),
      CreateRefund: fn('CreateRefund', 'functions/api/create-refund.ts', 15, 'readWrite'),
      // The /v1/groups methods (lib/groups/) in three functions, each loading only what its calls need:
      // a group of 50 creates its members at their providers, 5 at a time.
      CreateGroup: fn('CreateGroup', 'functions/api/create-group.ts', 29, 'readWrite'),
      ReadGroups: fn('ReadGroups', 'functions/api/read-groups.ts', 10, 'read'),
      // Close and sync ask every member's provider; sync queues the answers as a callback would.
      GroupLifecycle: fn('GroupLifecycle', 'functions/api/group-lifecycle.ts', 29, 'readWrite', { CALLBACK_QUEUE_URL: callbackQueue.queue.queueUrl }),
      // Every /v1/accounts method (the ledger, lib/ledger/).
      AccountsApi: fn('AccountsApi', 'functions/api/accounts.ts', 10, 'readWrite'),
      ListRefunds: fn('ListRefunds', 'functions/api/list-refunds.ts', 10, 'read'),
      OpenApi: fn('OpenApi', 'functions/api/openapi.ts', 5),
      // Usage plans by name, not id: their ids would make the function depend on the API's stage,
      // which depends on the function's methods (a cycle); the function looks the ids up once.
      AdminApi: fn('AdminApi', 'functions/admin/api.ts', 15, 'readWrite', {
        USAGE_PLAN_NAMES: JSON.stringify(Object.fromEntries(Object.keys(tiers).map((tier) => [tier, PaymentApi.usagePlanName(tenant, tier)]))),
      }),
      ...Object.fromEntries(Object.values(callbacks).map((callback) => [callback.node.id, callback])),
      StatusWorker: fn('StatusWorker', 'functions/worker/status.ts', STATUS_WORKER_TIMEOUT.toSeconds(), 'readWrite'),
      Reconciler: fn('Reconciler', 'functions/worker/reconcile.ts', RECONCILER_TIMEOUT.toSeconds(), 'readWrite', {
        CALLBACK_QUEUE_URL: callbackQueue.queue.queueUrl,
      }),
      StatementReconciler: fn('StatementReconciler', 'functions/worker/statements.ts', STATEMENT_RECONCILER_TIMEOUT.toSeconds(), 'readWrite', {
        STATEMENT_QUEUE_URL: statementQueue.queue.queueUrl,
      }),
      GetReconciliation: fn('GetReconciliation', 'functions/api/get-reconciliation.ts', 10, 'read'),
      GetDailyReport: fn('GetDailyReport', 'functions/api/get-daily-report.ts', 10, 'read'),
      ListNotifications: fn('ListNotifications', 'functions/api/list-notifications.ts', 10, 'read'),
      ResendNotification: fn('ResendNotification', 'functions/api/resend-notification.ts', 10, 'readWrite'),
      // Reads a refund's or a refused callback's payment for its company, channel and method.
      EventsRelay: fn('EventsRelay', 'functions/worker/events-relay.ts', 10, 'readWrite', { PAYMENT_EVENTS_TOPIC_ARN: paymentEvents.topic.topicArn }),
      NotifyRelay: fn('NotifyRelay', 'functions/worker/notify-relay.ts', 10, undefined, { NOTIFY_QUEUE_URL: notifyQueue.queue.queueUrl, TABLE_NAME: table.tableName }),
      Notifier: fn('Notifier', 'functions/worker/notify.ts', NOTIFIER_TIMEOUT.toSeconds(), 'readWrite', {
        NOTIFY_QUEUE_URL: notifyQueue.queue.queueUrl,
        NOTIFY_DEAD_LETTER_QUEUE_URL: notifyQueue.deadLetterQueue.queueUrl,
        NOTIFY_RETRY_SCHEDULE: DEFAULT_RETRY_SCHEDULE.join(','),
        NOTIFY_ATTEMPT_TIMEOUT_MS: String(NOTIFY_ATTEMPT_TIMEOUT_MS),
      }),
    };

    // Merchant notifications (ARCHITECTURE §5 flow 4): status changes write a notification item in
    // their own transaction (the outbox), or, for a payment moved by a provider event, the relay
    // puts it from the payment's stream record (a new lastEvent); the table's stream, filtered to
    // notification INSERTs and such payment MODIFYs, feeds the relay, which queues each notification
    // for the notifier. Retried until the record ages out of the stream (24 h); what still fails is
    // reported to the notify dead-letter queue, whose alarm pages.
    functions.NotifyRelay.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(notifyQueue.deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(NOTIFICATION_ENTITY) } } },
          }),
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('MODIFY'),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('payment') }, notifyUrl: { S: FilterRule.exists() } } },
          }),
        ],
      }),
    );
    // It writes notification items and nothing else (the table itself, none of its indexes).
    functions.NotifyRelay.function.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }));
    notifyQueue.queue.grant(functions.NotifyRelay.function, 'sqs:SendMessage');
    paymentEvents.connect(functions.EventsRelay.function, table);
    notifyQueue.queue.grant(functions.Notifier.function, 'sqs:SendMessage');
    notifyQueue.deadLetterQueue.grant(functions.Notifier.function, 'sqs:SendMessage');
    // Records of a batch are attempted in parallel; a failed one (DynamoDB, SQS) alone is received again.
    functions.Notifier.function.addEventSource(new SqsEventSource(notifyQueue.queue, { batchSize: 10, reportBatchItemFailures: true }));

    // Pay config secrets are sealed under the tenant's KMS key (ARCHITECTURE §3): the functions
    // that read configs open them. A function reading configs without this fails on AWS only
    // (the local stack hands every function its local key).
    const secretsKey = new SecretsKey(this, 'Secrets', { tenant });
    const configReaders = [functions.CreatePayment, functions.ClosePayment, functions.SyncPayment, functions.CreateRefund, functions.CreateGroup, functions.GroupLifecycle, functions.Reconciler, functions.StatementReconciler, ...Object.values(callbacks)];
    for (const reader of configReaders) secretsKey.grantOpen(reader.function);
    // Companies' notify secrets are sealed under it too: the notifier opens them to sign.
    secretsKey.grantOpen(functions.Notifier.function);
    // The admin function writes configs and notify secrets (seals) and replaces configs keeping unchanged secrets (opens).
    secretsKey.grantOpen(functions.AdminApi.function);
    secretsKey.grantSeal(functions.AdminApi.function);
    // API keys of merchants (lib/admin/api-keys.ts): created, put in their tier's plan, disabled.
    const apigatewayArn = (resource: string) => this.formatArn({ service: 'apigateway', account: '', resource });
    functions.AdminApi.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
        resources: ['/apikeys', '/apikeys/*', '/usageplans', '/usageplans/*'].map(apigatewayArn),
      }),
    );
    for (const wildcard of ['/apikeys/*', '/usageplans/*']) {
      Validations.of(functions.AdminApi.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagName(this, apigatewayArn(wildcard))}]`,
        reason:
          'API keys are created at runtime, so their ids are unknown at deploy time; usage plan keys (/usageplans/<id>/keys) are addressed under their plan. (API Gateway ARNs name no account.)',
      });
    }

    // Sync feeds the provider's answer to the status worker through the callbacks' queue, like a callback.
    callbackQueue.queue.grant(functions.SyncPayment.function, 'sqs:SendMessage');
    callbackQueue.queue.grant(functions.GroupLifecycle.function, 'sqs:SendMessage');

    // The reconciler (ARCHITECTURE §5 flow 5) closes expired payments and asks providers about
    // stale ones; their answers go the same way as sync's. A run that fails or is not delivered
    // in time is not retried: the next minute's run covers it.
    callbackQueue.queue.grant(functions.Reconciler.function, 'sqs:SendMessage');
    new Rule(this, 'ReconcileSchedule', {
      description: 'Runs the reconciler: expired payments closed, stale ones queried at the provider',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(functions.Reconciler.function, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });
    functions.Reconciler.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(1) });

    // Statement reconciliation (ARCHITECTURE §5 flow 5): Alipay's and WeChat Pay's bills of a China
    // day are ready by about 10:00 the next day (02:00 UTC); at 02:30 UTC the job queues the previous
    // China day of every config on the statement queue, and reconciles each message in an invocation
    // of its own (one at a time per message, so a large merchant neither delays nor times out the
    // others; a bill not ready yet is received again, then dead-lettered with an alarm). Operators
    // re-run a day by invoking the function with {"day": "yyyy-mm-dd", "payId"?: "..."}.
    new Rule(this, 'StatementSchedule', {
      description: "Queues the statement reconciliation of the providers' previous day, one message per pay config",
      schedule: Schedule.expression('cron(30 2 * * ? *)'),
      targets: [new LambdaFunction(functions.StatementReconciler.function, { event: RuleTargetInput.fromObject({ fanOut: true }) })],
    });
    statementQueue.queue.grant(functions.StatementReconciler.function, 'sqs:SendMessage');
    functions.StatementReconciler.function.addEventSource(new SqsEventSource(statementQueue.queue, { batchSize: 1, maxConcurrency: 10 }));

    // Lambda polls the FIFO queue and hands each invocation one batch in group order; a record the
    // worker reports as failed is retried with the rest of its group, behind it. FIFO queues take
    // no batching window.
    functions.StatusWorker.function.addEventSource(
      new SqsEventSource(callbackQueue.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    const api = new PaymentApi(this, 'Api', {
      tenant,
      tiers,
      authorizer: functions.ApiAuthorizer.function,
      createPayment: functions.CreatePayment.function,
      getPayment: functions.GetPayment.function,
      listPayments: functions.ListPayments.function,
      listPaymentEvents: functions.ListPaymentEvents.function,
      closePayment: functions.ClosePayment.function,
      syncPayment: functions.SyncPayment.function,
      createGroup: functions.CreateGroup.function,
      readGroups: functions.ReadGroups.function,
      groupLifecycle: functions.GroupLifecycle.function,
      accounts: functions.AccountsApi.function,
      createRefund: functions.CreateRefund.function,
      listRefunds: functions.ListRefunds.function,
      getReconciliation: functions.GetReconciliation.function,
      getDailyReport: functions.GetDailyReport.function,
      listNotifications: functions.ListNotifications.function,
      resendNotification: functions.ResendNotification.function,
      openApi: functions.OpenApi.function,
      admin: functions.AdminApi.function,
      callbacks: Object.fromEntries(Object.entries(callbacks).map(([provider, callback]) => [provider, callback.function])),
      customDomain: props.customDomain,
    });

    // Plugins (plugins/<name>/): each its own queue on the events topic, dead-letter queue, handler and alarms.
    const plugins = new Plugins(this, 'Plugins', { enabled: props.plugins ?? {}, topic: paymentEvents.topic, tenant });

    const monitoring = new Monitoring(this, 'Monitoring', {
      api: api.restApi,
      channels: CALLBACK_PROVIDERS,
      functions: { ...functions, ...Object.fromEntries(Object.entries(plugins.subscriptions).map(([name, p]) => [name, p.function])) },
      table,
      queues: { Callback: callbackQueue, Notify: notifyQueue, Statement: statementQueue, ...plugins.subscriptions },
      deadLetterQueues: { EventsRelay: paymentEvents.deadLetterQueue },
      alarmEmail: props.alarmEmail,
    });
    for (const alarm of plugins.alarms) alarm.addAlarmAction(new SnsAction(monitoring.alarmTopic));

    new CfnOutput(this, 'ApiUrl', { value: api.restApi.url, description: 'Base URL of the live stage' });
    if (props.customDomain) {
      const { domainName, hostedZoneId } = props.customDomain;
      new CfnOutput(this, 'CustomDomainUrl', { value: `https://${domainName}/`, description: 'Base URL of the live stage on the custom domain' });
      // Without a hosted zone the stack adds no record: the operator points the name at this.
      if (!hostedZoneId) {
        new CfnOutput(this, 'CustomDomainTarget', {
          value: api.restApi.domainName!.domainNameAliasDomainName,
          description: `API Gateway's regional name for ${domainName}: make ${domainName} a CNAME of it`,
        });
      }
    }
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SecretsKeyArn', {
      value: secretsKey.key.keyArn,
      description: 'KMS key wrapping the data keys of pay config and notify secrets: whatever writes configs or companies needs kms:GenerateDataKey on it',
    });
    new CfnOutput(this, 'CallbackQueueUrl', { value: callbackQueue.queue.queueUrl });
    new CfnOutput(this, 'CallbackDeadLetterQueueUrl', { value: callbackQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'NotifyQueueUrl', { value: notifyQueue.queue.queueUrl });
    new CfnOutput(this, 'NotifyDeadLetterQueueUrl', { value: notifyQueue.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'StatementQueueUrl', { value: statementQueue.queue.queueUrl });
    new CfnOutput(this, 'PaymentEventsTopicArn', { value: paymentEvents.topic.topicArn, description: 'The payment events topic (docs/events.md): subscribe with a filter policy on its message attributes' });
    new CfnOutput(this, 'FunctionNames', {
      value: this.toJsonString(Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, f.function.functionName]))),
      description: 'Function name by role (JSON): for running a scheduled job now with `aws lambda invoke`',
    });
    for (const [tier, plan] of api.usagePlans) {
      new CfnOutput(this, `UsagePlanId${capitalize(tier)}`, {
        value: plan.usagePlanId,
        description: `Usage plan of the ${tier} tier: new API keys of that tier are added to it`,
      });
    }
  }
}
