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
  AuthorizerDenied: 'AuthorizerDenied',
  CallbackAccepted: 'CallbackAccepted',
  CallbackRejected: 'CallbackRejected',
  CallbackAmountMismatch: 'CallbackAmountMismatch',
  CallbackEnqueueFailed: 'CallbackEnqueueFailed',
  EventApplied: 'EventApplied',
  EventIgnored: 'EventIgnored',
  EventDuplicate: 'EventDuplicate',
  LatePayment: 'LatePayment',
} as const;
