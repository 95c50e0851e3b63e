import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { InvalidRequestError, Payee, type DailyReport } from '../src/index.ts';
import { apiError, fakeClock, scriptedServer, type Step } from './scripted-server.ts';

let close: (() => Promise<void>) | undefined;
afterEach(() => close?.());

async function setup(script: Step[]) {
  const server = await scriptedServer(script);
  close = server.close;
  return { payee: new Payee({ apiKey: 'k', baseUrl: server.url, clock: fakeClock() }), received: server.received };
}

const tally = (count: number, amount: number) => ({ count, amount });
const report: DailyReport = {
  from: '2026-12-01',
  to: '2026-12-02',
  groupBy: 'method',
  data: [
    {
      day: '2026-12-01', group: 'alipay.qr', currency: 'CNY', created: tally(4, 4000), succeeded: tally(3, 3000), closed: tally(1, 1000), failed: tally(0, 0), refunded: tally(0, 0),
      successRate: 0.75, averageTicket: 1000, timeToPay: { count: 3, p50Ms: 2000, p95Ms: 5000 }, callbackLatency: { count: 0 },
    },
  ],
};

describe('reports', () => {
  it('daily sends the days and the dimension as its query and reads each row', async () => {
    const { payee, received } = await setup([{ status: 200, body: report }, apiError(400, 'invalid_request', 'parameter_invalid', { param: 'to' })]);
    const got = await payee.reports.daily({ from: '2026-12-01', to: '2026-12-02', groupBy: 'method' });
    assert.deepEqual(got, report);
    assert.equal(received[0]!.url, '/live/v1/reports/daily?from=2026-12-01&to=2026-12-02&groupBy=method');
    const error = await payee.reports.daily({ from: '2026-12-01', to: '2027-02-01' }).catch((e: unknown) => e);
    assert.ok(error instanceof InvalidRequestError && error.param === 'to');
    assert.equal(received.length, 2, 'a 400 is not retried');
  });
});
