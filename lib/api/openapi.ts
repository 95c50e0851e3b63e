/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
import type * as z from 'zod/mini';
import { API_VERSION, API_VERSIONS } from '../http/response.ts';
import { SIGNATURE_HEADER } from '../notify/signature.ts';
import { adminPaths, adminSchemas } from './admin-openapi.ts';
import { groupPaths, groupSchemas } from './group-openapi.ts';
import { GROUP_NOTIFIED } from '../domain/group.ts';
import { groupNotificationEnvelope } from './group-schema.ts';
import { accountPaths, accountSchemas } from './account-openapi.ts';
import { errorBody } from './common-schemas.ts';
import { commonErrors, CREATE_CODES, error, gatewayError, gatewayErrorBody, invalid, jsonContent, toJsonSchema } from './openapi-parts.ts';
import { createPaymentBody } from './create-payment-schema.ts';
import { listPaymentsQuery } from './list-payments-schema.ts';
import { paymentList, paymentResource } from './payment-schema.ts';
import { paymentEventList } from './payment-event-schema.ts';
import { syncResponse } from './lifecycle-schema.ts';
import { createRefundBody, refundList, refundResource } from './refund-schema.ts';
import { NOTIFIED_CHANGES, notificationEnvelope, notificationList, notificationResource } from './notification-schema.ts';
import { reconciliationList, reconciliationQuery } from './reconciliation-schema.ts';
import { eventWebhooks } from '../events/webhooks.ts';
import { dailyReport, dailyReportQuery } from './daily-report-schema.ts';

const merchantErrors = {
  ...commonErrors,
  '403': {
    description: 'Missing, unknown or disabled API key (API Gateway\'s {"message":"Forbidden"}), or a rotated key past its overlap (error code api_key_expired)',
    content: { 'application/json': { schema: { anyOf: [{ $ref: '#/components/schemas/GatewayError' }, { $ref: '#/components/schemas/Error' }] } } },
  },
  '429': gatewayError("Over the API key's usage plan (throttle or quota)"),
};

const notFound = error('resource_missing: no such payment, or one another company owns');
const companyNotFound = error('companyId is not the caller or one of its descendants (param: companyId)');

const payNoParameter = { name: 'payNo', in: 'path', required: true, schema: { type: 'string' } };
const idempotencyKey = (description: string) => ({
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description,
  schema: { type: 'string', pattern: '^[!-~]{1,255}$' },
});

/** Query parameters are documented one by one from the query schema's properties. */
function queryParameters(query: z.ZodMiniType) {
  const { properties = {}, required = [] } = toJsonSchema(query, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.includes(name), description: s.description, schema: s }));
}

/** A merchant notification of `type` as a webhook: `envelope` narrowed to its `type` and `data.status`. */
function notificationWebhook(type: string, summary: string, envelope: unknown, status: string) {
  const words = type.split(/[._]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return {
    post: {
      // payment.succeeded → notifySucceeded (as before groups); group.paid → notifyGroupPaid.
      operationId: `notify${(words[0] === 'Payment' ? words.slice(1) : words).join('')}`,
      summary,
      description:
        'POSTed to the notifyUrl given at create, signed. Verify Payee-Signature over the raw body, deduplicate on id, and let the newest data.updatedAt win: retries may arrive out of order (docs/notifications.md).',
      tags: ['notifications'],
      parameters: [
        {
          name: SIGNATURE_HEADER,
          in: 'header',
          required: true,
          description:
            't=<unix seconds>,v1=<hex HMAC-SHA256(notify secret, "<t>.<raw body>")>; more than one v1 while the secret is rotated. Refuse a t more than 300 s off and compare in constant time.',
          schema: { type: 'string', pattern: '^t=\\d+(,v1=[0-9a-f]{64})+$' },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { allOf: [envelope, { properties: { type: { const: type }, data: { properties: { status: { const: status } } } } }] },
          },
        },
      },
      responses: {
        '2XX': { description: 'Delivered: any 2xx within 5 s ends it' },
        default: { description: 'Anything else, a redirect or no answer in 5 s: retried after 1 min, 5 min, 5 min, 10 min ×5, 1 h ×5, 6 h ×3, then FAILED' },
      },
    },
  };
}

/**
 * One webhook per notified change: a payment's status changes, and a group's end states. Each body
 * is a component (PaymentNotification, GroupNotification) so that SDKs type what they verify.
 */
function webhooks() {
  const group = { $ref: '#/components/schemas/GroupNotification' };
  return {
    ...Object.fromEntries(
      Object.entries(NOTIFIED_CHANGES).map(([type, status]) => [
        type,
        notificationWebhook(type, `The payment became ${status}`, { $ref: '#/components/schemas/PaymentNotification' }, status),
      ]),
    ),
    ...Object.fromEntries(
      GROUP_NOTIFIED.map((status) => [
        `group.${status}`,
        notificationWebhook(`group.${status}`, `The group became ${status}, sent once, besides its members' own notifications`, group, status),
      ]),
    ),
  };
}

/** Every operation takes Payee-Version (checked before anything else: 400 unknown_api_version). */
function withVersionParameter<P extends Record<string, Record<string, unknown>>>(paths: P): P {
  const version = { $ref: '#/components/parameters/PayeeVersion' };
  for (const methods of Object.values(paths)) {
    for (const operation of Object.values(methods) as { parameters?: unknown[] }[]) operation.parameters = [...(operation.parameters ?? []), version];
  }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'payee',
      version: API_VERSION,
      description:
        'One API for Alipay, WeChat Pay, UnionPay and PayPal. Amounts are integer minor units of an ISO 4217 currency. ' +
        'Send your API key in the x-api-key header.',
    },
    servers: [
      { url: 'http://127.0.0.1:4010/live', description: 'The local stack of `npm start` (PAYEE_PORT moves it)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/live',
        description: "A deployed tenant: its stack's ApiUrl output",
        variables: {
          apiId: { default: 'abcde12345', description: 'The REST API id' },
          region: { default: 'us-east-1', description: 'The AWS region of the stack' },
        },
      },
      {
        url: 'https://{domainName}',
        description: "A tenant's custom domain (its CustomDomainUrl output)",
        variables: { domainName: { default: 'pay.example.com' } },
      },
    ],
    security: [{ apiKey: [] }],
    tags: [
      { name: 'payments', description: "Merchants' API: an API key in the x-api-key header" },
      { name: 'admin', description: "The operator's API (/v1/admin): requests signed with AWS SigV4 (execute-api) by an IAM identity; merchant keys are refused" },
      { name: 'groups', description: 'Payment groups: 1-50 payments created, read, closed and synced together (batch), or paid in one buyer step (combined)' },
      { name: 'ledger', description: "Ledger accounts and their double-entry flows (a company's ledger is switched on by the operator)" },
      { name: 'notifications', description: "What payee POSTs to a payment's notifyUrl (webhooks)" },
      { name: 'events', description: "What the tenant's PaymentEvents SNS topic carries, for plugins and operators (webhooks events.<type>, docs/events.md)" },
    ],
    paths: withVersionParameter({
      '/v1/payments': {
        post: {
          operationId: 'createPayment',
          summary: 'Create a payment',
          parameters: [idempotencyKey('Replays the payment the first request created, as it is now (the first response until the payment moves on), for the same key and body (kept 24 h); 422 for another body; 409 while the first is running')],
          requestBody: { required: true, content: jsonContent('CreatePaymentRequest') },
          responses: {
            '201': { description: 'Created (status PENDING with the action to show, or FAILED with the provider\'s reason)', content: jsonContent('Payment') },
            ...merchantErrors,
            '400': invalid(
              `${CREATE_CODES}; account_not_found or currency_mismatch: a detail line's account (error.param details.<n>.accountOut or accountRec) is not the company's or not in the payment's currency`,
            ),
            '409': error(
              'duplicate_out_trade_no (error.payNo names the existing payment); insufficient_funds: a balance.transfer would take details.<n>.accountOut past its overdraft limit, nothing stored; ' +
                "ledger_disabled: balance.transfer needs the company's ledger; payment_changed: a concurrent retry with the same Idempotency-Key answered first (fetch the payment); " +
                'or idempotency_key_in_use: the first request with this Idempotency-Key still runs (retry)',
            ),
            '422': error('idempotency_key_reused: the Idempotency-Key was used with another body'),
            '503': error('provider_unavailable (the provider) or service_unavailable (payee\'s storage) did not answer; retry with the same Idempotency-Key'),
          },
        },
        get: {
          operationId: 'listPayments',
          summary: 'List payments, newest first, or find one by outTradeNo',
          parameters: queryParameters(listPaymentsQuery),
          responses: {
            '200': { description: 'A page of payments', content: jsonContent('PaymentList') },
            ...merchantErrors,
            '400': invalid('parameter_conflict: outTradeNo with cursor, createdFrom or createdTo'),
            '404': companyNotFound,
          },
        },
      },
      '/v1/payments/{payNo}': {
        get: {
          operationId: 'getPayment',
          summary: 'Get a payment',
          parameters: [payNoParameter],
          responses: { '200': { description: 'The payment', content: jsonContent('Payment') }, ...merchantErrors, '404': notFound },
        },
      },
      '/v1/payments/{payNo}/events': {
        get: {
          operationId: 'listPaymentEvents',
          summary: "A payment's audit trail: every provider event accepted for it, oldest first",
          parameters: [payNoParameter],
          responses: { '200': { description: 'The events', content: jsonContent('PaymentEventList') }, ...merchantErrors, '404': notFound },
        },
      },
      '/v1/payments/{payNo}/close': {
        post: {
          operationId: 'closePayment',
          summary: 'Close an unpaid payment: at the provider first, then here',
          parameters: [payNoParameter],
          responses: {
            '200': { description: 'The payment: CLOSED, or SUCCEEDED when the buyer paid meanwhile', content: jsonContent('Payment') },
            ...merchantErrors,
            '404': notFound,
            '409': error('payment_not_closable (not CREATED or PENDING), or provider_refused with the provider\'s code'),
            '503': error('The provider did not answer; nothing changed, retry'),
          },
        },
      },
      '/v1/payments/{payNo}/sync': {
        post: {
          operationId: 'syncPayment',
          summary: "Ask the provider about the payment now; its answer is applied like a callback",
          parameters: [payNoParameter],
          responses: {
            '202': { description: "The payment as it is now and the provider's answer (applied asynchronously)", content: jsonContent('SyncResult') },
            ...merchantErrors,
            '404': notFound,
            '503': error('The provider did not answer; the payment stays as it is'),
          },
        },
      },
      '/v1/payments/{payNo}/refunds': {
        post: {
          operationId: 'createRefund',
          summary: 'Refund part or all of a SUCCEEDED or PARTIALLY_REFUNDED payment',
          parameters: [
            payNoParameter,
            idempotencyKey('Replays the finished refund for the same key and body; 422 for another body; 409 while the first is running; resumes a PENDING refund'),
          ],
          requestBody: { required: true, content: jsonContent('CreateRefundRequest') },
          responses: {
            '201': { description: 'The refund: SUCCEEDED, PROCESSING (outcome later) or FAILED (refused, amount given back; failure.code says why)', content: jsonContent('Refund') },
            ...merchantErrors,
            '400': invalid("currency_not_supported: the provider refunds no payment in this currency (the refund is FAILED, its amount given back)"),
            '404': notFound,
            '409': error('refund_exceeds_refundable, payment_not_refundable, or idempotency_key_in_use: the first request with this Idempotency-Key still runs (retry)'),
            '422': error('idempotency_key_reused: the Idempotency-Key was used with another body'),
            '503': error('The provider did not answer: the refund stays PENDING with its amount reserved; retry with the same Idempotency-Key'),
          },
        },
        get: {
          operationId: 'listRefunds',
          summary: "A payment's refunds, oldest first",
          parameters: [payNoParameter],
          responses: { '200': { description: 'The refunds', content: jsonContent('RefundList') }, ...merchantErrors, '404': notFound },
        },
      },
      '/v1/reports/reconciliation': {
        get: {
          operationId: 'getReconciliation',
          summary: "The day's statement reconciliation: per pay config, every payment on which the provider's statement and payee disagree",
          parameters: queryParameters(reconciliationQuery),
          responses: {
            '200': { description: "The caller's reports of that day", content: jsonContent('ReconciliationList') },
            ...merchantErrors,
            '400': invalid("pay_config_not_found: no such payId; statement_not_supported: its provider's statements are not read (UnionPay, PayPal)"),
            '404': companyNotFound,
          },
        },
      },
      '/v1/reports/daily': {
        get: {
          operationId: 'getDailyReport',
          summary: 'Daily figures per China day (UTC+8) and channel, method, payId or currency: created, succeeded, closed, failed, refunded, success rate, average ticket, time to pay and callback latency',
          parameters: queryParameters(dailyReportQuery),
          responses: { '200': { description: 'One row per day and group that had activity', content: jsonContent('DailyReport') }, ...merchantErrors, '404': companyNotFound },
        },
      },
      '/v1/payments/{payNo}/notifications': {
        get: {
          operationId: 'listNotifications',
          summary: "The payment's notifications to your notifyUrl and every attempt to deliver them (status, latency, error), oldest first",
          parameters: [payNoParameter],
          responses: { '200': { description: 'The notifications', content: jsonContent('NotificationList') }, ...merchantErrors, '404': notFound },
        },
      },
      '/v1/payments/{payNo}/notifications/resend': {
        post: {
          operationId: 'resendNotification',
          summary: 'Notify your notifyUrl again of the payment as it is now: a new notification, delivered and retried like any other',
          parameters: [payNoParameter],
          responses: {
            '202': { description: 'The new notification, PENDING', content: jsonContent('Notification') },
            ...merchantErrors,
            '404': notFound,
            '409': error('no_notify_url: the payment was created without a notifyUrl'),
          },
        },
      },
      '/v1/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } }, ...merchantErrors },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getPublicOpenApi',
          summary: 'This document, without an API key (for SDK generators); docs/openapi.json in the repository is the same',
          security: [],
          responses: {
            '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
            ...commonErrors,
            '429': gatewayError('Over the stage throttle of this method'),
          },
        },
      },
      ...groupPaths({ merchantErrors, queryParameters, idempotencyKey }),
      ...accountPaths({ merchantErrors, queryParameters, idempotencyKey }),
      ...adminPaths(),
    }),
    webhooks: { ...webhooks(), ...eventWebhooks() },
    components: {
      parameters: {
        PayeeVersion: {
          name: 'Payee-Version',
          in: 'header',
          required: false,
          description: 'The date-based API version the caller is written for; every reply carries the version that answered',
          schema: { type: 'string', enum: [...API_VERSIONS] },
        },
      },
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        sigv4: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'AWS Signature Version 4, service execute-api (API Gateway IAM authorization)' },
      },
      schemas: {
        CreatePaymentRequest: toJsonSchema(createPaymentBody, 'input'),
        Payment: toJsonSchema(paymentResource, 'output'),
        PaymentList: toJsonSchema(paymentList, 'output'),
        PaymentEventList: toJsonSchema(paymentEventList, 'output'),
        SyncResult: toJsonSchema(syncResponse, 'output'),
        CreateRefundRequest: toJsonSchema(createRefundBody, 'input'),
        Refund: toJsonSchema(refundResource, 'output'),
        RefundList: toJsonSchema(refundList, 'output'),
        Notification: toJsonSchema(notificationResource, 'output'),
        NotificationList: toJsonSchema(notificationList, 'output'),
        PaymentNotification: toJsonSchema(notificationEnvelope, 'output'),
        GroupNotification: toJsonSchema(groupNotificationEnvelope, 'output'),
        ReconciliationList: toJsonSchema(reconciliationList, 'output'),
        DailyReport: toJsonSchema(dailyReport, 'output'),
        Error: toJsonSchema(errorBody, 'output'),
        GatewayError: toJsonSchema(gatewayErrorBody, 'output'),
        ...groupSchemas(),
        ...accountSchemas(),
        ...adminSchemas(),
      },
    },
  };
}
