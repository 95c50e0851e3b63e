/**
 * The KMS calls' wire format, against a small local stand-in for KMS's JSON protocol (there is no
 * KMS to call here, and LocalStack is not part of the local stack): it checks each request's
 * SigV4 signature with its own implementation of AWS's published algorithm, then wraps
 * data keys with AES-GCM under its own key, the encryption context bound as KMS binds it.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecrets, sealSecrets } from './envelope.ts';
import { KmsKeyProvider } from './kms-key.ts';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const KEY_ID = 'arn:aws:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const masterKey = randomBytes(32);
const seen: { target: string; body: Record<string, any>; headers: IncomingHttpHeaders }[] = [];

/** The request's SigV4 signature, computed independently from AWS's published algorithm. */
function signatureOf(headers: IncomingHttpHeaders, body: string): string {
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const hex = (data: string) => createHash('sha256').update(data).digest('hex');
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(headers.authorization))?.[1] ?? '';
  const amzDate = String(headers['x-amz-date']);
  const scope = `${amzDate.slice(0, 8)}/cn-north-1/kms/aws4_request`;
  const canonicalHeaders = signedHeaders.split(';').map((h) => `${h}:${String(headers[h]).trim()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, hex(body)].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, amzDate.slice(0, 8));
  for (const part of ['cn-north-1', 'kms', 'aws4_request']) key = hmac(key, part);
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${hmac(key, stringToSign).toString('hex')}`;
}

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      if (signatureOf(req.headers, raw) !== req.headers.authorization) return reply(400, { __type: 'InvalidSignatureException', message: 'bad signature' });
      const body = JSON.parse(raw);
      const target = String(req.headers['x-amz-target']);
      seen.push({ target, body, headers: req.headers });
      if (body.KeyId !== KEY_ID) return reply(400, { __type: 'NotFoundException', message: 'no such key' });
      const aad = Buffer.from(JSON.stringify(body.EncryptionContext ?? {}));
      if (target === 'TrentService.GenerateDataKey') {
        const plaintext = randomBytes(body.KeySpec === 'AES_256' ? 32 : 16);
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(aad);
        const ct = Buffer.concat([c.update(plaintext), c.final()]);
        return reply(200, { KeyId: KEY_ID, Plaintext: plaintext.toString('base64'), CiphertextBlob: Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64') });
      }
      if (target === 'TrentService.Decrypt') {
        const blob = Buffer.from(body.CiphertextBlob, 'base64');
        const d = createDecipheriv('aes-256-gcm', masterKey, blob.subarray(0, 12)).setAAD(aad);
        d.setAuthTag(blob.subarray(12, 28));
        try {
          return reply(200, { KeyId: KEY_ID, Plaintext: Buffer.concat([d.update(blob.subarray(28)), d.final()]).toString('base64') });
        } catch {
          return reply(400, { __type: 'com.amazonaws.kms#InvalidCiphertextException', message: '' });
        }
      }
      return reply(400, { __type: 'UnknownOperationException' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('KMS key provider', () => {
  it('calls GenerateDataKey and Decrypt signed with SigV4, with the payId as encryption context', async () => {
    const kms = new KmsKeyProvider({ keyId: KEY_ID, region: 'cn-north-1', credentials, endpoint, signer: SignatureV4 });
    const sealed = await sealSecrets(kms, { payId: 'PC1' }, { clientId: 'c', clientSecret: 's3cr3t' }, ['clientSecret']);
    expect(sealed.dataKey.provider).toBe('kms');
    expect(await openSecrets(kms, { payId: 'PC1' }, sealed.fields, sealed.dataKey)).toEqual({ clientId: 'c', clientSecret: 's3cr3t' });

    const [generate, decrypt] = seen.slice(-2);
    expect(generate!.target).toBe('TrentService.GenerateDataKey');
    expect(generate!.body).toEqual({ KeyId: KEY_ID, KeySpec: 'AES_256', EncryptionContext: { payId: 'PC1' } });
    expect(generate!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(generate!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/cn-north-1\/kms\/aws4_request, SignedHeaders=[^,]*x-amz-target/);
    expect(decrypt!.target).toBe('TrentService.Decrypt');
    expect(decrypt!.body).toEqual({ KeyId: KEY_ID, CiphertextBlob: sealed.dataKey.wrapped, EncryptionContext: { payId: 'PC1' } });
  });

  it("takes a company's notify secret with the companyId as encryption context", async () => {
    const kms = new KmsKeyProvider({ keyId: KEY_ID, region: 'cn-north-1', credentials, endpoint, signer: SignatureV4 });
    const sealed = await sealSecrets(kms, { companyId: 'C1' }, { notifySecret: 'whsec_abc' }, ['notifySecret']);
    expect(await openSecrets(kms, { companyId: 'C1' }, sealed.fields, sealed.dataKey)).toEqual({ notifySecret: 'whsec_abc' });
    const [generate, decrypt] = seen.slice(-2);
    expect(generate!.body.EncryptionContext).toEqual({ companyId: 'C1' });
    expect(decrypt!.body.EncryptionContext).toEqual({ companyId: 'C1' });
    await expect(kms.unwrapDataKey({ payId: 'C1' }, sealed.dataKey.wrapped)).rejects.toThrow('InvalidCiphertextException');
  });

  it('reports KMS refusals by type, for another context or another key', async () => {
    const kms = new KmsKeyProvider({ keyId: KEY_ID, region: 'cn-north-1', credentials, endpoint, signer: SignatureV4 });
    const { wrapped } = await kms.generateDataKey({ payId: 'PC1' });
    await expect(kms.unwrapDataKey({ payId: 'PC2' }, wrapped)).rejects.toThrow('KMS Decrypt failed: 400 InvalidCiphertextException');
    const other = new KmsKeyProvider({ keyId: 'alias/other', region: 'cn-north-1', credentials, endpoint, signer: SignatureV4 });
    await expect(other.generateDataKey({ payId: 'PC1' })).rejects.toThrow('KMS GenerateDataKey failed: 400 NotFoundException: no such key');
    const forged = new KmsKeyProvider({ keyId: KEY_ID, region: 'cn-north-1', credentials: { ...credentials, secretAccessKey: 'wrong' }, endpoint, signer: SignatureV4 });
    await expect(forged.generateDataKey({ payId: 'PC1' })).rejects.toThrow('InvalidSignatureException');
  });
});
