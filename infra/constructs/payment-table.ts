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
    // Both GSIs hold keys only, and their readers fetch the items by key (lib/store/dynamodb/batch-get.ts):
    // an index entry is then written when its keys change, not at every write of its item. GSI1:
    // work lists and directories (open payments, paid payments of a day, a company's configs...);
    // GSI2: a company's payments by month, its groups, all configs.
    for (const index of ['GSI1', 'GSI2']) {
      this.addGlobalSecondaryIndex({
        indexName: index,
        partitionKey: { name: `${index}PK`, type: AttributeType.STRING },
        sortKey: { name: `${index}SK`, type: AttributeType.STRING },
        projectionType: ProjectionType.KEYS_ONLY,
      });
    }
  }
}
