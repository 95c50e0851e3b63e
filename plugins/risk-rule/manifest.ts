/** The risk rule plugin: flags new payments above an amount or too many from one buyer in a window, as an alarmed metric. */
import * as z from 'zod/mini';
import { commonSettings, type PluginManifest } from '../../lib/plugins/manifest.ts';

const settings = z
  .strictObject({
    ...commonSettings,
    maxAmount: z.optional(z.int().check(z.positive(), z.describe('A payment.created above this many minor units is held (flagged)'))),
    maxPerPayer: z.optional(z.int().check(z.positive(), z.describe('More payments than this from one buyer (payerRef) within windowMinutes are held'))),
    windowMinutes: z._default(z.int().check(z.positive(), z.maximum(1440)), 10),
  })
  .check(z.refine((s) => s.maxAmount !== undefined || s.maxPerPayer !== undefined, 'give maxAmount, maxPerPayer or both'));
export type RiskRuleSettings = z.output<typeof settings>;

export const riskRule: PluginManifest<typeof settings> = {
  name: 'risk-rule',
  version: '1.0.0',
  description: 'Holds payment.created events above maxAmount, or beyond maxPerPayer from one buyer within windowMinutes: each hold is logged and counted in the RiskRuleHolds metric, which raises its alarm.',
  events: ['payment.created'],
  permissions: ['dynamodb: UpdateItem on its own counter table (buyers per window, expiring)', 'cloudwatch: its RiskRuleHolds metric (embedded in its logs)', 'sqs: receive and delete from its own queue'],
  settings,
};
