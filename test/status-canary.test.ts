/**
 * The canary against the real local stack: a round trip per channel through each provider's
 * sandbox, recorded in the site's table, summarized into the status document; and the JSON the
 * local site server answers at /status.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCanary, type LocalCanary } from '../infra/local/canary.ts';
import { startSiteServer, type SiteServer } from '../infra/local/site-server.ts';
import { roundTrip } from '../lib/status/canary.ts';
import { CANARY_APIS, CANARY_CHANNELS } from '../lib/status/check.ts';
import { statusReport } from '../lib/status/report.ts';
import { statusSchema } from '../lib/status/summary.ts';
import { target } from './support/target.ts';

let canary: LocalCanary;
let site: SiteServer;
beforeAll(async () => {
  // A table of this run's own, so that other runs' records do not count here; the first calls wake
  // cold functions on a loaded machine: the canary's own 10 s limit is for the status page, not this test.
  canary = await startCanary(target(), { tableName: `payee-site-test-${randomBytes(4).toString('hex')}`, timeoutMs: 90_000 });
  const dir = mkdtempSync(join(tmpdir(), 'payee-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>payee</title>');
  site = await startSiteServer({ dir, json: { '/status.json': () => statusReport(canary.store) } });
});
afterAll(async () => {
  canary?.stop();
  await site?.close();
});

describe('status canary', () => {
  it('makes a round trip per channel through its sandbox: create, sync, close, each call timed', async () => {
    const checks = await canary.runOnce();
    expect(checks.map((c) => c.channel)).toEqual([...CANARY_CHANNELS]);
    for (const check of checks) {
      expect(check, JSON.stringify(check)).toMatchObject({ ok: true, payNo: expect.stringMatching(/^P/) });
      expect(check.steps.map((s) => [s.api, s.ok, s.status])).toEqual([
        ['createPayment', true, 201],
        ['syncPayment', true, 202],
        ['closePayment', true, 200],
      ]);
      expect(check.ms).toBeGreaterThanOrEqual(Math.max(...check.steps.map((s) => s.ms)));
    }
  }, 300_000);

  it('the status document counts the checks per channel and per API; /status.json serves it', async () => {
    await canary.runOnce();
    const res = await fetch(`${site.url}/status.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const status = statusSchema.parse(await res.json());
    for (const channel of status.channels) {
      expect(channel, channel.channel).toMatchObject({ state: 'operational', uptime: { h24: 100, d7: 100, d90: 100 }, incidents: [] });
      expect(channel.days.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), total: 2, ok: 2 });
      expect(channel.latencyMs.p50).toBeGreaterThan(0);
      expect(channel.latencyMs.p99).toBeGreaterThanOrEqual(channel.latencyMs.p50!);
    }
    expect(status.apis.map((a) => [a.api, a.uptime.h24, a.days.at(-1)!.total])).toEqual(CANARY_APIS.map((api) => [api, 100, 2 * CANARY_CHANNELS.length]));
  }, 300_000);

  it('a refused call fails the check at that call, names it, and the rest is not attempted', async () => {
    const check = await roundTrip({ apiUrl: target().apiUrl, apiKey: 'pk_not_a_key' }, 'alipay');
    expect(check).toMatchObject({ channel: 'alipay', ok: false });
    expect(check.steps).toEqual([{ api: 'createPayment', ok: false, ms: expect.any(Number), status: 403, error: 'HTTP 403' }]);
    expect(check.payNo).toBeUndefined();
  });
});
