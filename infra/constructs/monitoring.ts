import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  Stats,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { CALLBACK_LATENCY_METRIC, CHANNEL_METRICS } from '../../lib/events/channel-metrics.ts';
import type { PayeeFunction } from './payee-function.ts';

export interface MonitoringProps {
  readonly api: RestApi;
  /** Keyed by the name used in alarm ids and dashboard legends. */
  readonly functions: Readonly<Record<string, PayeeFunction>>;
  readonly table: Table;
  /** Queues and their dead-letter queues, keyed by the name used in alarm ids and dashboard legends. */
  readonly queues?: Readonly<Record<string, { readonly queue: IQueue; readonly deadLetterQueue: IQueue }>>;
  /** Dead-letter queues with no queue of their own in front (a stream mapping's on-failure destination). */
  readonly deadLetterQueues?: Readonly<Record<string, IQueue>>;
  /** Subscribed to the alarm topic when given (the address must confirm the subscription). */
  readonly alarmEmail?: string;
  /** The payment channels: the dashboard's per-channel row (the figures of GET /v1/reports/daily). */
  readonly channels?: readonly string[];
}

const PERIOD = Duration.minutes(5);
/** 5XXError averages to the share of requests answered 5XX. */
const API_5XX_RATE = 0.01;
/** Above the providers' usual answer times, below CreatePayment's 15 s timeout. */
const API_P99_LATENCY_MS = 5000;
/** A queued message older than this means its consumer is failing or falling behind. */
const QUEUE_OLDEST_MESSAGE_SECONDS = 300;
/** The operations the payment store issues (never Scan): one metric each in the alarm's math, at most 10. */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.TRANSACT_GET_ITEMS,
  Operation.TRANSACT_WRITE_ITEMS,
];

/** Alarms (to an SNS topic) and a dashboard for the API, its functions, the table and the queues. */
export class Monitoring extends Construct {
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { api, table } = props;
    const functions = Object.entries(props.functions);
    const queues = Object.entries(props.queues ?? {});

    this.alarmTopic = new Topic(this, 'AlarmTopic', { enforceSSL: true });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.alarmTopic);

    const alarms: Alarm[] = [];
    const alarm = (
      alarmId: string,
      metric: IMetric,
      threshold: number,
      description: string,
      evaluationPeriods = 1,
      comparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator,
        // No traffic is not an outage; an idle tenant must not page anyone.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      alarms.push(created);
    };

    const api5xxRate = api.metricServerError({ statistic: Stats.AVERAGE, period: PERIOD });
    const apiP99 = api.metricLatency({ statistic: Stats.p(99), period: PERIOD });
    alarm('Api5xxRate', api5xxRate, API_5XX_RATE, `At least ${API_5XX_RATE * 100}% of API requests answered 5XX for 10 minutes.`, 2);
    alarm('ApiLatencyP99', apiP99, API_P99_LATENCY_MS, `API p99 latency at least ${API_P99_LATENCY_MS} ms for 15 minutes.`, 3);

    // Handlers map every expected failure to a reply, so any Lambda error is a bug or an outage.
    for (const [name, { function: fn }] of functions) {
      alarm(`${name}Errors`, fn.metricErrors({ period: PERIOD }), 1, `${name} raised an unhandled error.`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: PERIOD }), 1, `${name} was throttled.`);
    }

    // Every message in a dead-letter queue is work that was given up on: page at the first one.
    const deadLetters = (name: string, deadLetterQueue: IQueue) =>
      alarm(
        `${name}DeadLetters`,
        deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: Duration.minutes(1) }),
        1,
        `${name} dead-letter queue holds messages: inspect them, fix the cause, then redrive.`,
      );
    for (const [name, deadLetterQueue] of Object.entries(props.deadLetterQueues ?? {})) deadLetters(name, deadLetterQueue);
    for (const [name, { queue, deadLetterQueue }] of queues) {
      deadLetters(name, deadLetterQueue);
      alarm(
        `${name}OldestMessageAge`,
        queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: Duration.minutes(1) }),
        QUEUE_OLDEST_MESSAGE_SECONDS,
        `${name} queue has held a message for more than ${QUEUE_OLDEST_MESSAGE_SECONDS} s: its consumer is failing or falling behind.`,
        1,
        ComparisonOperator.GREATER_THAN_THRESHOLD,
      );
    }

    // payee's own metrics (Powertools EMF, lib/observability/metrics.ts): a provider claiming an
    // amount other than the payment's is never applied, and is worth a look at once.
    const payeeMetric = (metricName: string) =>
      new Metric({ namespace: 'Payee', metricName, dimensionsMap: { service: 'payee' }, statistic: Stats.SUM, period: PERIOD });
    alarm('CallbackAmountMismatch', payeeMetric('CallbackAmountMismatch'), 1, 'A verified provider callback claimed an amount or currency other than its payment\'s: not applied.');
    alarm('LatePayment', payeeMetric('LatePayment'), 1, 'A provider confirmed a payment that payee had closed: it is SUCCEEDED now; refund or ship.');
    // The daily statement job (functions/worker/statements.ts): one run a day, so a day-long period.
    const dailyMetric = (metricName: string) => payeeMetric(metricName).with({ period: Duration.days(1) });
    alarm(
      'StatementDifferences',
      dailyMetric('StatementDifferences'),
      1,
      "A provider's daily statement disagrees with payee's table: see GET /v1/reports/reconciliation?day= for each difference.",
    );
    alarm('StatementFetchFailed', dailyMetric('StatementFetchFailed'), 1, "A provider's daily statement could not be fetched, verified or read: re-run the day once the cause is fixed.");
    // The reconciler retries the close of an expired payment at least every 5 minutes, so one
    // that stays open is counted in every period: three in a row are a provider that will not
    // close it or a reconciler that cannot run, not a blip.
    alarm(
      'PaymentsStuckPastExpiry',
      payeeMetric('PaymentsStuckPastExpiry'),
      1,
      'Payments are still CREATED/PENDING more than 10 minutes past expiresAt: the reconciler cannot close them (see its "payment checked" warnings).',
      3,
    );

    const tableSystemErrors = table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD });
    const tableThrottles = table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: PERIOD });
    alarm('TableSystemErrors', tableSystemErrors, 1, 'DynamoDB answered requests with system errors (HTTP 500).');
    // On-demand tables still throttle a hot partition or a sudden multiple of the previous peak.
    alarm('TableThrottles', tableThrottles, 1, 'DynamoDB throttled requests.');

    const widget = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width });
    // What the daily report says per channel, as metrics of the events relay and the status worker (lib/events/channel-metrics.ts).
    const channels = props.channels ?? [];
    const perChannel = (metricName: string, statistic: string = Stats.SUM) =>
      channels.map((channel) => new Metric({ namespace: 'Payee', metricName, dimensionsMap: { service: 'payee', channel }, statistic, period: PERIOD, label: channel }));
    const channelRows =
      channels.length === 0
        ? []
        : [
            [
              widget('Payments created by channel', perChannel(CHANNEL_METRICS['payment.created']), 6),
              widget('Payments succeeded by channel', perChannel(CHANNEL_METRICS['payment.succeeded']), 6),
              widget('Payments failed by channel', perChannel(CHANNEL_METRICS['payment.failed']), 6),
              widget('Refunds succeeded by channel', perChannel(CHANNEL_METRICS['refund.succeeded']), 6),
            ],
            [
              widget('Payments closed by channel', perChannel(CHANNEL_METRICS['payment.closed'])),
              widget('Callback latency p50 by channel (ms)', perChannel(CALLBACK_LATENCY_METRIC, Stats.p(50))),
              widget('Callback latency p95 by channel (ms)', perChannel(CALLBACK_LATENCY_METRIC, Stats.p(95))),
            ],
          ];
    new Dashboard(this, 'Dashboard', {
      // Dashboard names are global to the account, stack names only to a region.
      dashboardName: `${Stack.of(this).stackName}-${Aws.REGION}`,
      widgets: [
        [
          widget('API requests', [api.metricCount({ statistic: Stats.SUM, period: PERIOD, label: 'requests' })]),
          widget('API errors', [
            api.metricClientError({ statistic: Stats.SUM, period: PERIOD, label: '4XX' }),
            api.metricServerError({ statistic: Stats.SUM, period: PERIOD, label: '5XX' }),
          ]),
          widget('API latency (ms)', [
            api.metricLatency({ statistic: Stats.p(50), period: PERIOD, label: 'p50' }),
            apiP99.with({ label: 'p99' }),
          ]),
        ],
        [
          widget('Function errors', functions.map(([name, { function: fn }]) => fn.metricErrors({ period: PERIOD, label: name }))),
          widget(
            'Function duration p99 (ms)',
            functions.map(([name, { function: fn }]) => fn.metricDuration({ statistic: Stats.p(99), period: PERIOD, label: name })),
          ),
          new AlarmStatusWidget({ title: 'Alarms', alarms, width: 8 }),
        ],
        [
          widget('Table consumed capacity', [
            table.metricConsumedReadCapacityUnits({ statistic: Stats.SUM, period: PERIOD, label: 'read units' }),
            table.metricConsumedWriteCapacityUnits({ statistic: Stats.SUM, period: PERIOD, label: 'write units' }),
          ]),
          // One widget each: both math expressions name their per-operation metrics alike.
          widget('Table throttled requests', [tableThrottles]),
          widget('Table system errors', [tableSystemErrors]),
        ],
        ...channelRows,
        [
          widget(
            'Reconciler',
            ['ReconcileClosed', 'ReconcileQueued', 'ReconcileErrors', 'PaymentsStuckPastExpiry'].map((name) => payeeMetric(name).with({ label: name })),
          ),
        ],
        ...(queues.length === 0
          ? []
          : [
              [
                widget(
                  'Queue messages visible',
                  queues.map(([name, { queue }]) => queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD, label: name })),
                ),
                widget(
                  'Queue age of oldest message (s)',
                  queues.map(([name, { queue }]) => queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: PERIOD, label: name })),
                ),
                widget(
                  'Dead-letter messages visible',
                  queues.map(([name, { deadLetterQueue }]) =>
                    deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: PERIOD, label: name }),
                  ),
                ),
              ],
            ]),
      ],
    });
  }
}
