import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isGroupNotification, SignatureVerificationError, signNotification, verifyNotification, verifySignature } from '../src/index.ts';

const { vectors } = JSON.parse(readFileSync(new URL('../../../docs/vectors/notification-signature.json', import.meta.url), 'utf8')) as {
  vectors: { name: string; secret: string; t: number; body: string; header: string }[];
};
const refused = (e: unknown) => e instanceof SignatureVerificationError;

describe('notification signatures (docs/vectors/notification-signature.json)', () => {
  for (const v of vectors) {
    it(`verifies and signs: ${v.name}`, async () => {
      await verifySignature(v.body, v.header, v.secret, { now: v.t });
      await verifySignature(new TextEncoder().encode(v.body), v.header, v.secret, { now: v.t });
      assert.equal(await signNotification(v.body, v.secret, v.t), v.header);
    });
  }

  const [first] = vectors;
  it('answers the typed notification', async () => {
    const event = await verifyNotification(first!.body, first!.header, first!.secret, { now: first!.t });
    assert.equal(isGroupNotification(event), false);
    assert.equal(event.type, 'payment.succeeded');
    if (event.type !== 'payment.succeeded') assert.fail('narrowed by type');
    assert.equal(event.data.payNo, 'P01KAX9QZW0G8S5T6V7X2Y3Z4A');
  });

  const group = vectors.find((v) => v.name === 'group.paid')!;
  it("answers a group's notification as a GroupNotification with the group's members", async () => {
    const event = await verifyNotification(group.body, group.header, group.secret, { now: group.t });
    assert.ok(isGroupNotification(event));
    assert.equal(event.type, 'group.paid');
    assert.equal(event.data.groupNo, 'G01KAX9QZW0G8S5T6V7X2Y3Z5C');
    assert.equal(event.data.status, 'paid');
    assert.deepEqual(
      event.data.members.map((m) => [m.payNo, m.payment?.status, m.payment?.amount]),
      [['P01KAX9QZW0G8S5T6V7X2Y3Z5A', 'SUCCEEDED', 1000], ['P01KAX9QZW0G8S5T6V7X2Y3Z5B', 'SUCCEEDED', 2500]],
    );
    await assert.rejects(verifyNotification(group.body.replace('"amount":2500', '"amount":2600'), group.header, group.secret, { now: group.t }), refused);
  });

  it('refuses a tampered body, another secret, a missing or malformed header', async () => {
    const { body, header, secret, t } = first!;
    await assert.rejects(verifyNotification(body.replace('1999', '1998'), header, secret, { now: t }), refused);
    await assert.rejects(verifyNotification(body, header, `${secret}x`, { now: t }), refused);
    await assert.rejects(verifyNotification(body, undefined, secret, { now: t }), refused);
    await assert.rejects(verifyNotification(body, `t=${t}`, secret, { now: t }), refused);
    await assert.rejects(verifyNotification(body, header.replace(`t=${t}`, `t=${t + 1}`), secret, { now: t }), refused);
  });

  it('refuses a timestamp more than the tolerance away, either way', async () => {
    const { body, header, secret, t } = first!;
    await verifyNotification(body, header, secret, { now: t + 300 });
    await assert.rejects(verifyNotification(body, header, secret, { now: t + 301 }), refused);
    await assert.rejects(verifyNotification(body, header, secret, { now: t - 301 }), refused);
    await verifyNotification(body, header, secret, { now: t + 1000, toleranceSeconds: 1000 });
  });

  it('accepts any matching v1 while a secret is rotated', async () => {
    const { body, secret, t } = first!;
    const old = (await signNotification(body, 'whsec_old', t)).split(',')[1];
    const current = (await signNotification(body, secret, t)).split(',')[1];
    await verifySignature(body, `t=${t},${old},${current}`, secret, { now: t });
    await assert.rejects(verifySignature(body, `t=${t},${old}`, secret, { now: t }), refused);
  });
});
