/**
 * Appends each batch's events to their day's CSV in the bucket. The function runs one instance at
 * a time (its construct), so a file's read and rewrite never race another's.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { awsClientOptions } from '../../lib/aws/client-options.ts';
import { pluginBatchHandler } from '../../lib/plugins/handler.ts';
import { appended, fileOf } from './csv.ts';
import { accountingExport } from './manifest.ts';

export const DEFAULT_PREFIX = 'accounting/';
const bucket = process.env.EXPORT_BUCKET ?? '';
// Locally the S3 endpoint is overridden (fauxqs), which takes path-style addresses only.
const s3 = new S3Client({ ...awsClientOptions(), forcePathStyle: !!process.env.AWS_ENDPOINT_URL_S3 });

async function read(key: string): Promise<string | undefined> {
  try {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await Body!.transformToString('utf8');
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export const handler = pluginBatchHandler(accountingExport, async (events, settings) => {
  const byFile = new Map<string, typeof events>();
  for (const e of events) {
    const key = fileOf(settings.prefix ?? DEFAULT_PREFIX, e);
    byFile.set(key, [...(byFile.get(key) ?? []), e]);
  }
  for (const [key, of] of byFile) {
    const body = appended(await read(key), of);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/csv; charset=utf-8' }));
  }
});
