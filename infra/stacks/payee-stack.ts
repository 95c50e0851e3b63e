import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Period } from 'aws-cdk-lib/aws-apigateway';
import type { Construct } from 'constructs';
import { Monitoring } from '../constructs/monitoring.ts';
import { PayeeFunction } from '../constructs/payee-function.ts';
import { capitalize, PaymentApi, type UsagePlanTier } from '../constructs/payment-api.ts';
import { PaymentTable } from '../constructs/payment-table.ts';

/** Tiers a tenant gets unless its settings say otherwise. */
export const DEFAULT_TIERS: Readonly<Record<string, UsagePlanTier>> = {
  standard: { rateLimit: 1000, burstLimit: 2000, quota: { limit: 10_000_000, period: Period.MONTH } },
  trial: { rateLimit: 5, burstLimit: 10, quota: { limit: 10_000, period: Period.DAY } },
};

export interface PayeeStackProps extends StackProps {
  readonly tenant: string;
  /** Usage-plan tiers by name. @default DEFAULT_TIERS */
  readonly tiers?: Readonly<Record<string, UsagePlanTier>>;
  /** Address subscribed to the alarm topic. @default no subscription */
  readonly alarmEmail?: string;
}

/** One tenant's payment gateway: table, API functions, REST API, alarms and dashboard. */
export class PayeeStack extends Stack {
  constructor(scope: Construct, id: string, props: PayeeStackProps) {
    super(scope, id, { description: `payee payment gateway, tenant ${props.tenant}`, ...props });
    const { tenant } = props;

    const table = new PaymentTable(this, 'Payments');

    const fn = (name: string, entry: string, seconds: number, access?: 'read' | 'readWrite') =>
      new PayeeFunction(this, name, {
        entry,
        tenant,
        timeout: Duration.seconds(seconds),
        table: access && { table, access },
      });
    const functions = {
      ApiAuthorizer: fn('ApiAuthorizer', 'functions/api/authorizer.ts', 5, 'read'),
      CreatePayment: fn('CreatePayment', 'functions/api/create-payment.ts', 15, 'readWrite'),
      GetPayment: fn('GetPayment', 'functions/api/get-payment.ts', 10, 'read'),
      ListPayments: fn('ListPayments', 'functions/api/list-payments.ts', 10, 'read'),
      OpenApi: fn('OpenApi', 'functions/api/openapi.ts', 5),
    };

    const api = new PaymentApi(this, 'Api', {
      tenant,
      tiers: props.tiers ?? DEFAULT_TIERS,
      authorizer: functions.ApiAuthorizer.function,
      createPayment: functions.CreatePayment.function,
      getPayment: functions.GetPayment.function,
      listPayments: functions.ListPayments.function,
      openApi: functions.OpenApi.function,
    });

    new Monitoring(this, 'Monitoring', {
      api: api.restApi,
      functions,
      table,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.restApi.url, description: 'Base URL of the live stage' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    for (const [tier, plan] of api.usagePlans) {
      new CfnOutput(this, `UsagePlanId${capitalize(tier)}`, {
        value: plan.usagePlanId,
        description: `Usage plan of the ${tier} tier: new API keys of that tier are added to it`,
      });
    }
  }
}
