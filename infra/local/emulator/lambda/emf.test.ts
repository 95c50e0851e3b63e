import { describe, expect, it } from 'vitest';
import { EmfMetrics } from './emf.ts';

const emf = (fields: Record<string, unknown>, metrics: string[], dimensions: string[][] = [['service']]) =>
  JSON.stringify({ _aws: { Timestamp: 1000, CloudWatchMetrics: [{ Namespace: 'Payee', Dimensions: dimensions, Metrics: metrics.map((Name) => ({ Name, Unit: 'Count' })) }] }, service: 'payee', ...fields });

describe('EMF log lines as metrics', () => {
  it('sums each metric per namespace, name and dimension set, values and arrays of values', () => {
    const m = new EmfMetrics();
    m.ingest(emf({ RiskRuleHolds: 1 }, ['RiskRuleHolds']));
    m.ingest(emf({ RiskRuleHolds: [1, 2], PaymentCreated: 1 }, ['RiskRuleHolds', 'PaymentCreated']));
    m.ingest(emf({ RiskRuleHolds: 5, channel: 'alipay' }, ['RiskRuleHolds'], [['service', 'channel']]));
    expect(m.statistics('Payee', 'RiskRuleHolds', { service: 'payee' })).toEqual({ sum: 4, sampleCount: 3 });
    expect(m.statistics('Payee', 'RiskRuleHolds', { service: 'payee', channel: 'alipay' })).toEqual({ sum: 5, sampleCount: 1 });
    expect(m.statistics('Payee', 'PaymentCreated', { service: 'payee' }).sum).toBe(1);
    expect(m.statistics('Other', 'RiskRuleHolds', { service: 'payee' }).sum).toBe(0);
    expect(m.statistics('Payee', 'RiskRuleHolds', { service: 'payee' }, 60_000).sum).toBe(0);
  });

  it('ignores lines that are not EMF objects', () => {
    const m = new EmfMetrics();
    for (const line of ['plain text', '{"level":"INFO","_aws":', '{"level":"INFO","message":"x"}', '2026-12-03T00:00:00Z\tid\tINFO\t{"_aws":{}}']) m.ingest(line);
    expect(m.size).toBe(0);
  });
});
