// The emulator's SigV4 check on requests signed by @smithy/signature-v4, as the CLI and the AWS SDKs sign.
import { randomBytes } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { Sha256 } from '../../../../lib/crypto/kms-key.ts';
import type { GatewayRequest } from './events.ts';
import { verifySigV4 } from './iam.ts';

const admin = { accessKeyId: 'AKIALOCALADMIN000001', secretAccessKey: randomBytes(30).toString('base64') };
const region = 'us-east-1';

async function signed(options: { path?: string; query?: Record<string, string>; body?: string; secret?: string; service?: string; at?: Date } = {}) {
  const { path = '/live/v1/admin/companies/C1/scenes/checkout', query = {}, body = '{"methods":["alipay.page"]}' } = options;
  const signer = new SignatureV4({
    service: options.service ?? 'execute-api',
    region,
    credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: options.secret ?? admin.secretAccessKey },
    sha256: Sha256,
  });
  const out = await signer.sign(
    { method: 'PUT', protocol: 'http:', hostname: '127.0.0.1', port: 4010, path, query, headers: { host: '127.0.0.1:4010', 'content-type': 'application/json' }, body },
    { signingDate: options.at },
  );
  const rawHeaders = Object.entries(out.headers).flat();
  const request: GatewayRequest = {
    requestId: 'r',
    extendedRequestId: 'e',
    receivedAt: Date.now(),
    httpMethod: 'PUT',
    stage: 'live',
    path: path.slice('/live'.length),
    rawHeaders: [...rawHeaders, 'User-Agent', 'curl/8'],
    query: new URLSearchParams(query),
    body: Buffer.from(body),
    sourceIp: '127.0.0.1',
    accountId: '000000000000',
    region,
  };
  return { request, path };
}

describe('SigV4 (AWS_IAM methods)', () => {
  it('accepts a request signed with the credential, query and body included', async () => {
    const { request, path } = await signed({ query: { limit: '10', from: 'a b' } });
    expect(await verifySigV4(request, path, [admin])).toEqual({ ok: true, accessKeyId: admin.accessKeyId });
  });

  it('accepts a path with percent-encoded characters, signed as sent (the CLI signs the URL\'s encoded pathname)', async () => {
    const { request, path } = await signed({ path: '/live/v1/admin/companies/C%C3%A9%20x/scenes/checkout' });
    expect(await verifySigV4(request, path, [admin])).toEqual({ ok: true, accessKeyId: admin.accessKeyId });
    // The same segment sent decoded is another path.
    expect(await verifySigV4(request, '/live/v1/admin/companies/Cé x/scenes/checkout', [admin])).toMatchObject({ ok: false });
  });

  it('accepts query parameters named like Object.prototype members', async () => {
    const { request, path } = await signed({ query: Object.fromEntries([['constructor', '1'], ['__proto__', '2'], ['toString', '3']]) });
    expect(await verifySigV4(request, path, [admin])).toEqual({ ok: true, accessKeyId: admin.accessKeyId });
  });

  it('refuses a tampered body, path, query or method, a wrong secret, an unknown key, another service and an old date', async () => {
    const mismatch = expect.objectContaining({ ok: false, responseType: 'INVALID_SIGNATURE', message: expect.stringMatching(/^The request signature we calculated does not match/) });
    const body = await signed();
    expect(await verifySigV4({ ...body.request, body: Buffer.from('{"methods":["wechat.native"]}') }, body.path, [admin])).toEqual(mismatch);
    const path = await signed();
    expect(await verifySigV4(path.request, '/live/v1/admin/companies/C2/scenes/checkout', [admin])).toEqual(mismatch);
    const query = await signed({ query: { limit: '10' } });
    expect(await verifySigV4({ ...query.request, query: new URLSearchParams({ limit: '11' }) }, query.path, [admin])).toEqual(mismatch);
    const method = await signed();
    expect(await verifySigV4({ ...method.request, httpMethod: 'DELETE' }, method.path, [admin])).toEqual(mismatch);
    const wrongSecret = await signed({ secret: 'not-the-secret' });
    expect(await verifySigV4(wrongSecret.request, wrongSecret.path, [admin])).toEqual(mismatch);
    const otherService = await signed({ service: 'lambda' });
    expect(await verifySigV4(otherService.request, otherService.path, [admin])).toEqual(mismatch);
    const unknown = await signed();
    expect(await verifySigV4(unknown.request, unknown.path, [{ ...admin, accessKeyId: 'AKIAOTHER' }])).toMatchObject({
      ok: false,
      message: 'The security token included in the request is invalid.',
    });
    const old = await signed({ at: new Date(Date.now() - 10 * 60_000) });
    expect(await verifySigV4(old.request, old.path, [admin])).toMatchObject({ ok: false, message: expect.stringMatching(/^Signature expired/) });
  });

  it('answers an unsigned request (a merchant key only) as API Gateway does: Missing Authentication Token', async () => {
    const { request, path } = await signed();
    const unsigned = { ...request, rawHeaders: ['Host', '127.0.0.1:4010', 'x-api-key', 'pk_merchant'] };
    expect(await verifySigV4(unsigned, path, [admin])).toEqual({ ok: false, responseType: 'MISSING_AUTHENTICATION_TOKEN' });
  });
});
