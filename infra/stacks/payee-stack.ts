import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Period } from 'aws-cdk-lib/aws-apigateway';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { CallbackQueue } from '../constructs/callback-queue.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import { PayeeFunction } from '../constructs/payee-function.ts';
import { capitalize, PaymentApi, type UsagePlanTier } from '../constructs/payment-api.ts';
import { PaymentTable } from '../constructs/payment-table.ts';

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

/** The status worker's timeout; the callback queue's visibility timeout is six times it. */
const STATUS_WORKER_TIMEOUT = Duration.seconds(5);

export interface PayeeStackProps extends StackProps {
  readonly tenant: string;
  /** Usage-plan tiers by name. @default DEFAULT_TIERS */
  readonly tiers?: Readonly<Record<string, UsagePlanTier>>;
  /** Address subscribed to the alarm topic. @default no subscription */
  readonly alarmEmail?: string;
}

/**
 * One tenant's payment gateway: table, API functions, REST API, provider callbacks with their
 * FIFO queue and status worker, alarms and dashboard.
 */
export class PayeeStack extends Stack {
  constructor(scope: Construct, id: string, props: PayeeStackProps) {
    super(scope, id, { description: `payee payment gateway, tenant ${props.tenant}`, ...props });
    const { tenant } = props;

    const table = new PaymentTable(this, 'Payments');

    const callbackQueue = new CallbackQueue(this, 'Callback', { consumerTimeout: STATUS_WORKER_TIMEOUT });

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
      SyncPayment: fn('SyncPayment', 'functions/api/sync-payment.ts', 10, 'read', { CALLBACK_QUEUE_URL: callbackQueue.queue.queueUrl }),
      CreateRefund: fn('CreateRefund', 'functions/api/create-refund.ts', 15, 'readWrite'),
      ListRefunds: fn('ListRefunds', 'functions/api/list-refunds.ts', 10, 'read'),
      OpenApi: fn('OpenApi', 'functions/api/openapi.ts', 5),
      ...Object.fromEntries(Object.values(callbacks).map((callback) => [callback.node.id, callback])),
      StatusWorker: fn('StatusWorker', 'functions/worker/status.ts', STATUS_WORKER_TIMEOUT.toSeconds(), 'readWrite'),
    };

    // Sync feeds the provider's answer to the status worker through the callbacks' queue, like a callback.
    callbackQueue.queue.grant(functions.SyncPayment.function, 'sqs:SendMessage');

    // Lambda polls the FIFO queue and hands each invocation one batch in group order; a record the
    // worker reports as failed is retried with the rest of its group, behind it. FIFO queues take
    // no batching window.
    functions.StatusWorker.function.addEventSource(
      new SqsEventSource(callbackQueue.queue, { batchSize: 10, reportBatchItemFailures: true }),
    );

    const api = new PaymentApi(this, 'Api', {
      tenant,
      tiers: props.tiers ?? DEFAULT_TIERS,
      authorizer: functions.ApiAuthorizer.function,
      createPayment: functions.CreatePayment.function,
      getPayment: functions.GetPayment.function,
      listPayments: functions.ListPayments.function,
      listPaymentEvents: functions.ListPaymentEvents.function,
      closePayment: functions.ClosePayment.function,
      syncPayment: functions.SyncPayment.function,
      createRefund: functions.CreateRefund.function,
      listRefunds: functions.ListRefunds.function,
      openApi: functions.OpenApi.function,
      callbacks: Object.fromEntries(Object.entries(callbacks).map(([provider, callback]) => [provider, callback.function])),
    });

    new Monitoring(this, 'Monitoring', {
      api: api.restApi,
      functions,
      table,
      queues: { Callback: callbackQueue },
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.restApi.url, description: 'Base URL of the live stage' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'CallbackQueueUrl', { value: callbackQueue.queue.queueUrl });
    new CfnOutput(this, 'CallbackDeadLetterQueueUrl', { value: callbackQueue.deadLetterQueue.queueUrl });
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
