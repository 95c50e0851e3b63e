/**
 * A payment write as an UpdateItem of what changed (issue 17): only the attributes that differ
 * travel, and an unchanged index key is not rewritten. Conditional on the version and status the
 * writer read, as every payment write is.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Payment } from '../../domain/payment.ts';
import { paymentKey } from './keys.ts';

/** What the item holds besides the payment's own fields: index keys set (string) or removed (undefined). */
export type IndexKeys = Record<string, string | undefined>;

export function paymentUpdate(TableName: string, before: Payment, after: Payment, indexKeys: IndexKeys = {}) {
  const names: Record<string, string> = { '#s': 'status' };
  const values: Record<string, unknown> = { ':expectedVersion': before.version, ':expectedStatus': before.status };
  const set: string[] = [];
  const remove: string[] = [];
  const attributes = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Payment>;
  let i = 0;
  const name = (attribute: string) => {
    const n = `#a${i++}`;
    names[n] = attribute;
    return n;
  };
  for (const attribute of attributes) {
    if (isDeepStrictEqual(before[attribute], after[attribute])) continue;
    if (after[attribute] === undefined) remove.push(name(attribute));
    else {
      const n = name(attribute);
      values[`:v${n.slice(2)}`] = after[attribute];
      set.push(`${n} = :v${n.slice(2)}`);
    }
  }
  for (const [attribute, value] of Object.entries(indexKeys)) {
    if (value === undefined) remove.push(name(attribute));
    else {
      const n = name(attribute);
      values[`:v${n.slice(2)}`] = value;
      set.push(`${n} = :v${n.slice(2)}`);
    }
  }
  return {
    TableName,
    Key: paymentKey(after.payNo),
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim(),
    ConditionExpression: 'version = :expectedVersion AND #s = :expectedStatus',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
