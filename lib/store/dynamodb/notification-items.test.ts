import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { notificationOf } from '../../notify/notification.ts';
import { samplePaidPayment } from '../../notify/testing.ts';
import { withoutKeys } from './keys.ts';
import { notificationItem, notificationOfItem } from './notification-items.ts';

/** An item's size as DynamoDB bills it: attribute names plus values (numbers taken as their digits, a generous bound). */
function sizeOf(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) return value.N.length;
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.L) return 3 + value.L.reduce((s, v) => s + 1 + sizeOf(v), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((s, [k, v]) => s + 1 + Buffer.byteLength(k) + sizeOf(v), 0);
  throw new Error(`unsized attribute ${JSON.stringify(value)}`);
}
const itemSize = (item: Record<string, unknown>) =>
  Object.entries(marshall(item, { removeUndefinedValues: true })).reduce((s, [k, v]) => s + Buffer.byteLength(k) + sizeOf(v), 0);

describe('notification items', () => {
  const payment = samplePaidPayment({
    notifyUrl: 'https://merchant.example.com/payments/notify/alipay',
    metadata: { orderId: 'SO-2026-000123', customer: 'c_8812' },
    action: { type: 'qr_code', value: 'https://qr.alipay.com/bax03112ybk0ypd8slwi00a3' },
  });
  const notification = notificationOf(payment, payment.updatedAt)!;

  it('give back the body byte for byte, as it was signed', () => {
    expect(notificationOfItem(withoutKeys(notificationItem(notification)))).toEqual(notification);
  });

  it('stay under 1 KB (one write unit per attempt) with a full payment snapshot and a few attempts', () => {
    const attempts = [1, 2, 3].map((n) => ({ n, at: '2026-11-24T10:00:06.000Z', statusCode: 500, latencyMs: 1234 }));
    const { bodyZ: _bodyZ, ...asJson } = { ...notificationItem({ ...notification, attempts }), body: notification.body };
    expect(itemSize(asJson)).toBeGreaterThan(1024);
    expect(itemSize(notificationItem({ ...notification, attempts }))).toBeLessThan(1024);
  });
});
