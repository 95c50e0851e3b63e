/** Metric names are stable: alarms and dashboards refer to them. */
import { Metrics } from '@aws-lambda-powertools/metrics';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Payee',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'payee',
});

export const Metric = {
  PaymentCreated: 'PaymentCreated',
  PaymentReplayed: 'PaymentReplayed',
  ProviderRefused: 'ProviderRefused',
  ProviderUnavailable: 'ProviderUnavailable',
  RequestRejected: 'RequestRejected',
  /** A request answered 503 because DynamoDB, SQS or API Gateway's API did not answer in time. */
  ServiceUnavailable: 'ServiceUnavailable',
  AuthorizerDenied: 'AuthorizerDenied',
  CallbackAccepted: 'CallbackAccepted',
  CallbackRejected: 'CallbackRejected',
  CallbackAmountMismatch: 'CallbackAmountMismatch',
  CallbackEnqueueFailed: 'CallbackEnqueueFailed',
  EventApplied: 'EventApplied',
  EventIgnored: 'EventIgnored',
  EventDuplicate: 'EventDuplicate',
  LatePayment: 'LatePayment',
  /** The refund sweep: open refunds it settled at the provider's word, submitted again, or could not check. */
  RefundsSettled: 'RefundsSettled',
  RefundsResubmitted: 'RefundsResubmitted',
  RefundCheckErrors: 'RefundCheckErrors',
  /** The reconciler (lib/payments/reconcile.ts), per run: expired payments closed (or found paid). */
  ReconcileClosed: 'ReconcileClosed',
  /** Provider answers the reconciler put on the callbacks' queue. */
  ReconcileQueued: 'ReconcileQueued',
  /** Payments the reconciler could not check (provider unavailable or another error); retried later. */
  ReconcileErrors: 'ReconcileErrors',
  /** Payments still open more than 10 minutes past expiresAt: alarmed. */
  PaymentsStuckPastExpiry: 'PaymentsStuckPastExpiry',
  /** Differences found by the daily statement reconciliation (one per payment). */
  StatementDifferences: 'StatementDifferences',
  /** A provider statement that could not be fetched, verified or read. */
  StatementFetchFailed: 'StatementFetchFailed',
  NotificationDelivered: 'NotificationDelivered',
  NotificationAttemptFailed: 'NotificationAttemptFailed',
  NotificationFailed: 'NotificationFailed',
  NotificationLatency: 'NotificationLatency',
  /** An item of a DynamoDB transaction another transaction held at that moment (dimension item: its key's prefix); each costs a retry. */
  TransactionConflicts: 'TransactionConflicts',
} as const;
