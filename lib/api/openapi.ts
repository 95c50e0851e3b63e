/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
import * as z from 'zod/mini';
import { API_VERSION } from '../http/response.ts';
import { adminPaths, adminSchemas } from './admin-openapi.ts';
import { errorBody } from './common-schemas.ts';
import { createPaymentBody } from './create-payment-schema.ts';
import { listPaymentsQuery } from './list-payments-schema.ts';
import { paymentList, paymentResource } from './payment-schema.ts';
import { paymentEventList } from './payment-event-schema.ts';
import { syncResponse } from './lifecycle-schema.ts';
import { createRefundBody, refundList, refundResource } from './refund-schema.ts';
import { notificationList, notificationResource } from './notification-schema.ts';
import { reconciliationList, reconciliationQuery } from './reconciliation-schema.ts';

const schema = (s: z.ZodMiniType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const jsonContent = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const error = (description: string) => ({ description, content: jsonContent('Error') });

const commonErrors = {
  '400': error('Invalid request: the field at fault is named in error.param'),
  '403': { description: 'Missing, unknown or disabled API key' },
  '429': { description: "Over the API key's usage plan (throttle or quota)" },
  '500': error('Internal error; safe to retry'),
};

const payNoParameter = { name: 'payNo', in: 'path', required: true, schema: { type: 'string' } };

/** Query parameters are documented one by one from the query schema's properties. */
function queryParameters(query: z.ZodMiniType = listPaymentsQuery) {
  const { properties = {}, required = [] } = schema(query, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.includes(name), description: s.description, schema: s }));
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
    security: [{ apiKey: [] }],
    tags: [
      { name: 'payments', description: "Merchants' API: an API key in the x-api-key header" },
      { name: 'admin', description: "The operator's API (/v1/admin): requests signed with AWS SigV4 (execute-api) by an IAM identity; merchant keys are refused" },
    ],
    paths: {
      '/v1/payments': {
        post: {
          operationId: 'createPayment',
          summary: 'Create a payment',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Replays the first response for the same key and body (kept 24 h); 422 for another body; 409 while the first is running',
              schema: { type: 'string', maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: jsonContent('CreatePaymentRequest') },
          responses: {
            '201': { description: 'Created (status PENDING with the action to show, or FAILED with the provider\'s reason)', content: jsonContent('Payment') },
            ...commonErrors,
            '409': error('duplicate_out_trade_no, or the Idempotency-Key is in use'),
            '422': error('The Idempotency-Key was used with another body'),
            '503': error('The provider did not answer; retry with the same Idempotency-Key'),
          },
        },
        get: {
          operationId: 'listPayments',
          summary: 'List payments, newest first, or find one by outTradeNo',
          parameters: queryParameters(),
          responses: { '200': { description: 'A page of payments', content: jsonContent('PaymentList') }, ...commonErrors },
        },
      },
      '/v1/payments/{payNo}': {
        get: {
          operationId: 'getPayment',
          summary: 'Get a payment',
          parameters: [{ name: 'payNo', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The payment', content: jsonContent('Payment') }, ...commonErrors, '404': error('No such payment') },
        },
      },
      '/v1/payments/{payNo}/events': {
        get: {
          operationId: 'listPaymentEvents',
          summary: "A payment's audit trail: every provider event accepted for it, oldest first",
          parameters: [{ name: 'payNo', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The events', content: jsonContent('PaymentEventList') }, ...commonErrors, '404': error('No such payment') },
        },
      },
      '/v1/payments/{payNo}/close': {
        post: {
          operationId: 'closePayment',
          summary: 'Close an unpaid payment: at the provider first, then here',
          parameters: [payNoParameter],
          responses: {
            '200': { description: 'The payment: CLOSED, or SUCCEEDED when the buyer paid meanwhile', content: jsonContent('Payment') },
            ...commonErrors,
            '404': error('No such payment'),
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
            ...commonErrors,
            '404': error('No such payment'),
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
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'Replays the finished refund for the same key and body; 422 for another body; 409 while the first is running; resumes a PENDING refund',
              schema: { type: 'string', maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: jsonContent('CreateRefundRequest') },
          responses: {
            '201': { description: 'The refund: SUCCEEDED, PROCESSING (outcome later) or FAILED (refused, amount given back)', content: jsonContent('Refund') },
            ...commonErrors,
            '404': error('No such payment'),
            '409': error('refund_exceeds_refundable, payment_not_refundable, or the Idempotency-Key is in use'),
            '422': error('The Idempotency-Key was used with another body'),
            '503': error('The provider did not answer: the refund stays PENDING with its amount reserved; retry with the same Idempotency-Key'),
          },
        },
        get: {
          operationId: 'listRefunds',
          summary: "A payment's refunds, oldest first",
          parameters: [payNoParameter],
          responses: { '200': { description: 'The refunds', content: jsonContent('RefundList') }, ...commonErrors, '404': error('No such payment') },
        },
      },
      '/v1/reports/reconciliation': {
        get: {
          operationId: 'getReconciliation',
          summary: "The day's statement reconciliation: per pay config, every payment on which the provider's statement and payee disagree",
          parameters: queryParameters(reconciliationQuery),
          responses: { '200': { description: "The caller's reports of that day", content: jsonContent('ReconciliationList') }, ...commonErrors },
        },
      },
      '/v1/payments/{payNo}/notifications': {
        get: {
          operationId: 'listNotifications',
          summary: "The payment's notifications to your notifyUrl and every attempt to deliver them (status, latency, error), oldest first",
          parameters: [payNoParameter],
          responses: { '200': { description: 'The notifications', content: jsonContent('NotificationList') }, ...commonErrors, '404': error('No such payment') },
        },
      },
      '/v1/payments/{payNo}/notifications/resend': {
        post: {
          operationId: 'resendNotification',
          summary: 'Notify your notifyUrl again of the payment as it is now: a new notification, delivered and retried like any other',
          parameters: [payNoParameter],
          responses: {
            '202': { description: 'The new notification, PENDING', content: jsonContent('Notification') },
            ...commonErrors,
            '404': error('No such payment'),
            '409': error('no_notify_url: the payment was created without a notifyUrl'),
          },
        },
      },
      '/v1/openapi.json': {
        get: { operationId: 'getOpenApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
      ...adminPaths(),
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        sigv4: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'AWS Signature Version 4, service execute-api (API Gateway IAM authorization)' },
      },
      schemas: {
        CreatePaymentRequest: schema(createPaymentBody, 'input'),
        Payment: schema(paymentResource, 'output'),
        PaymentList: schema(paymentList, 'output'),
        PaymentEventList: schema(paymentEventList, 'output'),
        SyncResult: schema(syncResponse, 'output'),
        CreateRefundRequest: schema(createRefundBody, 'input'),
        Refund: schema(refundResource, 'output'),
        RefundList: schema(refundList, 'output'),
        Notification: schema(notificationResource, 'output'),
        NotificationList: schema(notificationList, 'output'),
        ReconciliationList: schema(reconciliationList, 'output'),
        Error: schema(errorBody, 'output'),
        ...adminSchemas(),
      },
    },
  };
}
