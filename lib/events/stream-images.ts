/** A DynamoDB stream record's item before and after, as plain objects without the table's keys. */
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { withoutKeys } from '../store/dynamodb/keys.ts';

const image = (i: Record<string, LambdaAttributeValue> | undefined) =>
  i ? withoutKeys<Record<string, unknown>>(unmarshall(i as Record<string, AttributeValue>)) : undefined;

/** A record's item before and after, keys left out, and which kind of item it is. */
export function imagesOf(record: DynamoDBRecord) {
  return {
    entity: record.dynamodb?.NewImage?.entity?.S,
    eventName: record.eventName,
    before: image(record.dynamodb?.OldImage),
    after: image(record.dynamodb?.NewImage),
  };
}
