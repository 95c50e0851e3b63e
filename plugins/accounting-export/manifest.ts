/** The accounting export plugin: each China day's succeeded payments and refunds as one CSV file in S3. */
import * as z from 'zod/mini';
import { commonSettings, type PluginManifest } from '../../lib/plugins/manifest.ts';

const settings = z.strictObject({
  ...commonSettings,
  prefix: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9!_.*'()/-]{1,200}$/, 'must be an S3 key prefix of letters, digits and !_.*\'()/-'), z.describe('Key prefix of the files; default accounting/')),
  ),
});
export type AccountingExportSettings = z.output<typeof settings>;

export const accountingExport: PluginManifest<typeof settings> = {
  name: 'accounting-export',
  version: '1.0.0',
  description: "Writes each China day's succeeded payments and refunds to CSV files in the plugin's S3 bucket: <prefix><companyId>/<yyyy-mm-dd>.csv.",
  events: ['payment.succeeded', 'refund.succeeded'],
  permissions: ["s3: GetObject and PutObject in its own bucket (the stack's AccountingExportBucket output)", 'sqs: receive and delete from its own queue'],
  settings,
};
