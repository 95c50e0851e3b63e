import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationStore } from '../store/notification-store.ts';
import { postNotification } from './deliver.ts';
import { notificationOf, type Notification, type NotificationAttempt, type NotificationStatus } from './notification.ts';
import { attemptNotification, type NotifierDeps, type NotifyMessage } from './notifier.ts';
import { verifyNotification } from './signature.ts';
import { samplePaidPayment } from './testing.ts';

/** The port kept in memory, with the adapter's condition: PENDING with the attempts it was read with. */
class MemoryNotifications implements NotificationStore {
  readonly items = new Map<string, Notification>();
  secrets = new Map<string, string>();
  async insert(n: Notification) {
    this.items.set(n.notificationId, structuredClone(n));
  }
  async get(_payNo: string, id: string) {
    const n = this.items.get(id);
    return n && structuredClone(n);
  }
  async list() {
    return [...this.items.values()];
  }
  async recordAttempt(n: Notification, attempt: NotificationAttempt, next: { status: NotificationStatus; nextAttemptAt?: string }) {
    const stored = this.items.get(n.notificationId)!;
    if (stored.status !== 'PENDING' || stored.attempts.length !== n.attempts.length) return false;
    this.items.set(n.notificationId, { ...stored, attempts: [...stored.attempts, attempt], status: next.status, nextAttemptAt: next.nextAttemptAt, updatedAt: attempt.at });
    return true;
  }
  async notifySecret(companyId: string) {
    return this.secrets.get(companyId);
  }
}

const payment = (notifyUrl: string) => samplePaidPayment({ notifyUrl });

describe('attemptNotification', () => {
  let server: Server;
  let status = 200;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  let clock = Date.parse('2026-01-01T00:01:00.000Z');
  const setup = (schedule = [60, 300]) => {
    const notifications = new MemoryNotifications();
    notifications.secrets.set('C1', 'whsec_test');
    const deps: NotifierDeps = { notifications, post: postNotification, schedule, timeoutMs: 2000, policy: 'local', now: () => new Date(clock) };
    const n = notificationOf(payment(url), new Date(clock).toISOString())!;
    void notifications.insert(n);
    return { deps, notifications, n, message: { payNo: n.payNo, notificationId: n.notificationId } };
  };

  it('delivers on a 2xx, signed over the stored body, and records the attempt', async () => {
    status = 204;
    received.length = 0;
    const { deps, notifications, n, message } = setup();
    const step = await attemptNotification(deps, message);
    expect(step.kind).toBe('delivered');
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toBe(n.body);
    expect(verifyNotification('whsec_test', String(received[0]!.headers['payee-signature']), n.body, Math.floor(clock / 1000))).toBe(true);
    const stored = notifications.items.get(n.notificationId)!;
    expect(stored).toMatchObject({ status: 'DELIVERED', nextAttemptAt: undefined });
    expect(stored.attempts).toEqual([{ n: 1, at: new Date(clock).toISOString(), statusCode: 204, latencyMs: expect.any(Number) }]);
    // Delivered is final: the same message again sends nothing.
    expect((await attemptNotification(deps, message)).kind).toBe('done');
    expect(received).toHaveLength(1);
  });

  it('waits the schedule after a failure, keeps to it when the message comes early, and fails after the last wait', async () => {
    status = 500;
    received.length = 0;
    const { deps, notifications, n, message } = setup([60, 1200]);
    const first = await attemptNotification(deps, message);
    expect(first).toMatchObject({ kind: 'wait', delaySeconds: 60, attempt: { n: 1, statusCode: 500 } });
    const next = (first as { message: NotifyMessage & { notBefore: string } }).message;
    expect(next.notBefore).toBe(new Date(clock + 60_000).toISOString());

    // The same message delivered again at once (SQS at least once): no attempt before it is due.
    const early = await attemptNotification(deps, message);
    expect(early).toMatchObject({ kind: 'wait', message: { notBefore: next.notBefore } });
    expect(received).toHaveLength(1);

    clock += 60_000;
    const second = await attemptNotification(deps, next);
    // 1200 s is longer than SQS's longest delay: the queue adapter caps it, notBefore carries the rest.
    expect(second).toMatchObject({ kind: 'wait', delaySeconds: 1200, attempt: { n: 2, statusCode: 500 } });
    const third = (second as { message: NotifyMessage & { notBefore: string } }).message;
    clock += 900_000;
    expect(await attemptNotification(deps, third)).toMatchObject({ kind: 'wait', delaySeconds: 300 });
    expect(received).toHaveLength(2);

    clock += 300_000;
    const last = await attemptNotification(deps, third);
    expect(last).toMatchObject({ kind: 'failed', attempt: { n: 3, statusCode: 500 } });
    expect(notifications.items.get(n.notificationId)).toMatchObject({ status: 'FAILED', nextAttemptAt: undefined });
    expect(notifications.items.get(n.notificationId)!.attempts.map((a) => a.n)).toEqual([1, 2, 3]);
  });

  it('records a refused connection as a failed attempt with its error', async () => {
    const { deps, n, message, notifications } = setup();
    await notifications.insert({ ...n, url: 'http://127.0.0.1:1/notify' });
    const step = await attemptNotification(deps, message);
    expect(step).toMatchObject({ kind: 'wait', attempt: { n: 1, error: expect.stringMatching(/ECONNREFUSED/) } });
  });

  it('does not send without the company secret, and records why', async () => {
    received.length = 0;
    const { deps, notifications, message } = setup();
    notifications.secrets.clear();
    const step = await attemptNotification(deps, message);
    expect(step).toMatchObject({ kind: 'wait', attempt: { error: 'the company has no notify secret' } });
    expect(received).toHaveLength(0);
  });

  it('lets only one of two concurrent deliveries of one message record the attempt', async () => {
    status = 500;
    const { deps, notifications, n, message } = setup();
    const steps = await Promise.all([attemptNotification(deps, message), attemptNotification(deps, message)]);
    expect(steps.map((s) => s.kind).sort()).toEqual(['done', 'wait']);
    expect(notifications.items.get(n.notificationId)!.attempts).toHaveLength(1);
  });
});

describe('postNotification outside the local stack', () => {
  it('refuses a plain-http URL and private IP literals without connecting', async () => {
    for (const url of ['http://merchant.example.com/n', 'https://127.0.0.1/n', 'https://[::ffff:10.0.0.1]/n']) {
      const result = await postNotification(url, '{}', {}, { timeoutMs: 1000, policy: 'public' });
      expect(result.error, url).toMatch(/^refused: notifyUrl must/);
      expect(result.statusCode).toBeUndefined();
    }
  });

  it('refuses a host name that resolves to a private address (DNS rebinding)', async (ctx) => {
    const name = hostname();
    const { address } = await lookup(name).catch(() => ({ address: '' }));
    // The machine's own name resolves to a loopback or private address on most hosts; skip where it does not.
    if (!/^(127\.|10\.|192\.168\.|::1$)/.test(address) || name === 'localhost') ctx.skip();
    const result = await postNotification(`https://${name}:9/notify`, '{}', {}, { timeoutMs: 2000, policy: 'public' });
    expect(result.error).toBe(`refused: ${name} resolves to the private address ${address}`);
  });
});
