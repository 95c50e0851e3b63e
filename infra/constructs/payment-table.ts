import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';

/**
 * The tenant's single table (ARCHITECTURE §4): generic `PK`/`SK` keys and two generic GSIs, so
 * new item types need no schema change. `ttl` only expires bookkeeping items such as idempotency
 * records; payments are closed by the reconciler, never by TTL.
 */
export class PaymentTable extends Table {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      partitionKey: { name: 'PK', type: AttributeType.STRING },
      sortKey: { name: 'SK', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'ttl',
      // The notification outbox's relay reads new items from the stream (functions/worker/notify-relay.ts);
      // the events relay also the old image, to tell a status change from another write (lib/events/from-stream.ts).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      // The aws/dynamodb key: encrypted at rest with key use in CloudTrail, at no key cost per
      // tenant. Secret fields of pay configs are encrypted by the application before they are
      // stored, so a customer managed key here would add cost, not protection.
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // GSI1 holds work lists and directories whose readers fetch the items by key (open payments,
    // paid payments of a day, a company's configs...): keys only, so an index entry is written when
    // its keys change, not at every write of a payment. GSI2 (a company's payments by month, through
    // their immutable out-trade-no guards; all configs) keeps whole items: they are written once.
    for (const [index, projectionType] of [['GSI1', ProjectionType.KEYS_ONLY], ['GSI2', ProjectionType.ALL]] as const) {
      this.addGlobalSecondaryIndex({
        indexName: index,
        partitionKey: { name: `${index}PK`, type: AttributeType.STRING },
        sortKey: { name: `${index}SK`, type: AttributeType.STRING },
        projectionType,
      });
    }
  }
}
