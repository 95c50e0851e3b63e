/**
 * The admin API (`/v1/admin`) on a running deployment, signed with SigV4 as API Gateway's IAM
 * authorization wants (the local stack's operator credential, or AWS credentials): every resource's
 * happy path, the refusals (a merchant key or no signature: 404; a wrong secret: 403; nothing changes),
 * validation naming the field, secrets never in the output, and the `payee admin` CLI over it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminRequest, ApiError, connectionForAws, type AdminConnection } from '../cli/client.ts';
import { clientConfig } from '../infra/local/target.ts';
import { openApiDocument } from '../lib/api/openapi.ts';
import { sampleConfigs } from '../lib/config/testing.ts';
import { LocalKeyProvider } from '../lib/crypto/local-key.ts';
import { DynamoConfigStore } from '../lib/store/dynamodb/config-store.ts';
import { call, companyItems, target } from './support/target.ts';

/** The local stack's operator credential; on AWS (no `admin` in the target) the caller's AWS credentials. */
let connection: Promise<AdminConnection> | undefined;
const admin = (): Promise<AdminConnection> => {
  const t = target();
  connection ??= t.admin ? Promise.resolve({ apiUrl: t.apiUrl, region: t.region, credentials: t.admin }) : connectionForAws(t.apiUrl, t.region);
  return connection;
};

/** A signed admin call: 2xx → { status, body }; otherwise the status and the error body. */
async function adminCall(method: string, path: string, body?: unknown, signedBy?: AdminConnection) {
  try {
    return await adminRequest(signedBy ?? (await admin()), method, path, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, body: { error: { message: error.message, code: error.code, param: error.param } } };
  }
}

let samples: Record<string, Record<string, unknown>>;
/** The creates' replies: each company, and its notify secret shown this once. */
let created: { root: Record<string, unknown>; child: Record<string, unknown> };
let root: { companyId: string };
let child: { companyId: string };
let payId: string;

/** A company as reads show it: the create's reply without the secret. */
const shown = ({ notifySecret: _once, ...company }: Record<string, unknown>) => company;

beforeAll(async () => {
  samples = await sampleConfigs();
  const rootCreated = (await adminCall('POST', '/v1/admin/companies', { name: '贝易 Admin Root' })).body;
  const childCreated = (await adminCall('POST', '/v1/admin/companies', { name: 'Admin Child', parentId: rootCreated.companyId })).body;
  created = { root: rootCreated, child: childCreated };
  root = shown(rootCreated) as typeof root;
  child = shown(childCreated) as typeof child;
});

describe('templates', () => {
  it('lists every channel mode and shows one with its secret fields', async () => {
    const list = await adminCall('GET', '/v1/admin/templates');
    expect(list.status).toBe(200);
    expect(list.body.data.map((t: any) => `${t.channel}/${t.mode}`).sort()).toEqual(Object.keys(samples).sort());
    const one = await adminCall('GET', '/v1/admin/templates/wechat/partner');
    expect(one.body).toMatchObject({ channel: 'wechat', mode: 'partner', secretFields: ['privateKey', 'apiV3Key'] });
    expect(one.body.schema.properties.apiV3Key).toMatchObject({ writeOnly: true, 'x-secret': true });
    expect(await adminCall('GET', '/v1/admin/templates/wechat/nope')).toMatchObject({ status: 404, body: { error: { param: 'mode' } } });
  });
});

describe('companies', () => {
  it('creates roots and children, shows them and lists a parent’s children', async () => {
    expect(root).toMatchObject({ name: '贝易 Admin Root', path: [root.companyId] });
    expect(child).toMatchObject({ parentId: root.companyId, path: [root.companyId, child.companyId] });
    expect((await adminCall('GET', `/v1/admin/companies/${child.companyId}`)).body).toEqual(child);
    expect((await adminCall('GET', `/v1/admin/companies/${root.companyId}/children`)).body.data).toEqual([child]);
  });

  it('refuses a missing name naming it, and answers an unknown company 404', async () => {
    expect(await adminCall('POST', '/v1/admin/companies', {})).toMatchObject({ status: 400, body: { error: { code: 'parameter_missing', param: 'name' } } });
    expect(await adminCall('GET', '/v1/admin/companies/C00000000000000000000000000')).toMatchObject({ status: 404, body: { error: { param: 'companyId' } } });
  });

  it('shows the notify secret once at creation and once at rotation, and stores it sealed', async () => {
    const first = String(created.child.notifySecret);
    expect(first).toMatch(/^whsec_[\w-]{43}$/);
    const reads = async () =>
      JSON.stringify([
        (await adminCall('GET', `/v1/admin/companies/${child.companyId}`)).body,
        (await adminCall('GET', `/v1/admin/companies/${root.companyId}/children`)).body,
      ]);
    const stored = async () => JSON.stringify(await companyItems(child.companyId));
    expect(await reads()).not.toContain('whsec_');
    expect(await stored()).not.toContain('whsec_');

    const rotated = await adminCall('POST', `/v1/admin/companies/${child.companyId}/notify-secret/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ notifySecret: expect.stringMatching(/^whsec_[\w-]{43}$/) });
    expect(rotated.body.notifySecret).not.toBe(first);
    expect(await reads()).not.toContain('whsec_');
    expect(await stored()).not.toContain('whsec_');
    expect(await adminCall('POST', '/v1/admin/companies/C00000000000000000000000000/notify-secret/rotate')).toMatchObject({ status: 404 });
  });
});

describe('pay configs', () => {
  it('creates a config, sealed, and never returns its secret', async () => {
    const config = samples['alipay/direct']!;
    const created = await adminCall('POST', `/v1/admin/companies/${root.companyId}/pay-configs`, { channel: 'alipay', config });
    expect(created.status).toBe(201);
    payId = created.body.payId;
    expect(created.body).toMatchObject({ companyId: root.companyId, channel: 'alipay', mode: 'direct', status: 'ACTIVE', config: { appId: config.appId, privateKey: { hasValue: true } } });
    const read = await adminCall('GET', `/v1/admin/pay-configs/${payId}`);
    const listed = await adminCall('GET', `/v1/admin/companies/${root.companyId}/pay-configs`);
    expect(listed.body.data).toEqual([read.body]);
    const pemBody = String(config.privateKey).split('\n')[1]!;
    for (const output of [created.body, read.body, listed.body]) {
      expect(JSON.stringify(output)).not.toContain(pemBody);
      expect(JSON.stringify(output)).not.toContain('dataKey');
    }
  });

  it('refuses a missing or wrong-typed field naming it, and writes nothing', async () => {
    const { appId: _missing, ...withoutAppId } = samples['alipay/direct']!;
    const before = await companyItems(child.companyId);
    expect(await adminCall('POST', `/v1/admin/companies/${child.companyId}/pay-configs`, { channel: 'alipay', config: withoutAppId })).toMatchObject({
      status: 400,
      body: { error: { code: 'parameter_missing', param: 'config.appId' } },
    });
    expect(await adminCall('POST', `/v1/admin/companies/${child.companyId}/pay-configs`, { channel: 'paypal', config: { ...samples['paypal/direct'], clientSecret: 42 } })).toMatchObject({
      status: 400,
      body: { error: { code: 'parameter_invalid', param: 'config.clientSecret' } },
    });
    expect(await adminCall('POST', `/v1/admin/companies/${child.companyId}/pay-configs`, { channel: 'wechat', mode: 'isv', config: {} })).toMatchObject({
      status: 400,
      body: { error: { param: 'config.mode' } },
    });
    expect(await adminCall('POST', `/v1/admin/companies/${child.companyId}/pay-configs`, { channel: 'alipay', chanel: 'alipay', config: {} })).toMatchObject({
      status: 400,
      body: { error: { code: 'parameter_unknown', param: 'chanel' } },
    });
    expect(await companyItems(child.companyId)).toEqual(before);
  });

  it('replaces a config keeping the secrets sent back as {"hasValue": true}', async () => {
    const read = (await adminCall('GET', `/v1/admin/pay-configs/${payId}`)).body;
    const replaced = await adminCall('PUT', `/v1/admin/pay-configs/${payId}`, { config: { ...read.config, sellerId: '2088000000000999' } });
    expect(replaced).toMatchObject({ status: 200, body: { payId, config: { sellerId: '2088000000000999', privateKey: { hasValue: true } } } });
    const secrets = target().secrets;
    if (secrets && 'localKey' in secrets) {
      const store = new DynamoConfigStore({
        client: DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(target(), 'dynamodb'))),
        tableName: target().tableName,
        keys: new LocalKeyProvider(secrets.localKey),
      });
      expect((await store.getPayConfig(payId))!.config).toMatchObject({ sellerId: '2088000000000999', privateKey: samples['alipay/direct']!.privateKey });
    }
    expect(await adminCall('PUT', `/v1/admin/pay-configs/${payId}`, { config: { ...read.config, appId: 7 } })).toMatchObject({
      status: 400,
      body: { error: { param: 'config.appId' } },
    });
    expect(await adminCall('PUT', '/v1/admin/pay-configs/cfg_nope', { config: read.config })).toMatchObject({ status: 404 });
  });
});

describe('scenes', () => {
  it('puts, shows, lists and deletes a scene', async () => {
    const put = await adminCall('PUT', `/v1/admin/companies/${root.companyId}/scenes/web`, { description: 'Web shop', methods: { 'alipay.page': payId } });
    expect(put).toMatchObject({ status: 200, body: { companyId: root.companyId, code: 'web', methods: { 'alipay.page': payId } } });
    expect((await adminCall('GET', `/v1/admin/companies/${root.companyId}/scenes/web`)).body).toEqual(put.body);
    expect((await adminCall('GET', `/v1/admin/companies/${root.companyId}/scenes`)).body.data).toEqual([put.body]);
    expect(await adminCall('PUT', `/v1/admin/companies/${root.companyId}/scenes/app`, { methods: { 'alipay.page': 'cfg_nope' } })).toMatchObject({
      status: 400,
      body: { error: { param: 'methods.alipay.page' } },
    });
    expect((await adminCall('DELETE', `/v1/admin/companies/${root.companyId}/scenes/web`)).status).toBe(204);
    expect(await adminCall('GET', `/v1/admin/companies/${root.companyId}/scenes/web`)).toMatchObject({ status: 404 });
  });

  it('disables a pay config', async () => {
    expect(await adminCall('POST', `/v1/admin/pay-configs/${payId}/disable`)).toMatchObject({ status: 200, body: { payId, status: 'DISABLED' } });
    expect((await adminCall('GET', `/v1/admin/companies/${root.companyId}/pay-configs`)).body.data[0].status).toBe('DISABLED');
  });
});

describe('API keys and the admin API’s protection', () => {
  let key: { apiKeyId: string; value: string };

  it('creates a key the merchant can use at once, and lists it without its value', async () => {
    const created = await adminCall('POST', `/v1/admin/companies/${child.companyId}/api-keys`, { tier: 'standard', name: 'checkout' });
    expect(created).toMatchObject({ status: 201, body: { tier: 'standard', status: 'ACTIVE', value: expect.stringMatching(/^pk_/) } });
    key = created.body;
    expect((await call(key.value, 'GET', '/v1/payments')).status).toBe(200);
    const listed = await adminCall('GET', `/v1/admin/companies/${child.companyId}/api-keys`);
    expect(listed.body.data).toEqual([expect.objectContaining({ apiKeyId: key.apiKeyId, status: 'ACTIVE', name: 'checkout' })]);
    expect(JSON.stringify(listed.body)).not.toContain(key.value);
    expect(await adminCall('POST', `/v1/admin/companies/${child.companyId}/api-keys`, { tier: 'gold' })).toMatchObject({ status: 400, body: { error: { param: 'tier' } } });
  });

  it('refuses a merchant key, an unsigned request (404: no caller without a signature learns which admin routes exist) and a wrong secret, changing nothing', async () => {
    const before = await companyItems(root.companyId);
    const childrenBefore = (await adminCall('GET', `/v1/admin/companies/${root.companyId}/children`)).body;
    const body = { name: 'intruder', parentId: root.companyId };
    const merchant = await call(key.value, 'POST', '/v1/admin/companies', { body });
    const unsigned = { status: 404, body: { error: { type: 'not_found', code: 'route_not_found' } } };
    expect(merchant).toMatchObject(unsigned);
    expect(await call(key.value, 'GET', `/v1/admin/pay-configs/${payId}`)).toMatchObject(unsigned);
    expect(await call(undefined, 'POST', '/v1/admin/companies', { body })).toMatchObject(unsigned);
    const signer = await admin();
    const credentials = typeof signer.credentials === 'function' ? await signer.credentials() : signer.credentials;
    const wrong = { ...signer, credentials: { ...credentials, secretAccessKey: 'not-the-secret' } };
    const forged = await adminCall('POST', '/v1/admin/companies', body, wrong);
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toMatch(/^The request signature we calculated does not match/);
    expect((await adminCall('GET', `/v1/admin/companies/${root.companyId}/children`)).body).toEqual(childrenBefore);
    expect(await companyItems(root.companyId)).toEqual(before);
  });

  it('rotates a key (the old one stops with no overlap) and disables keys', async () => {
    const rotated = await adminCall('POST', `/v1/admin/companies/${child.companyId}/api-keys/${key.apiKeyId}/rotate`, { overlapSeconds: 0 });
    expect(rotated).toMatchObject({ status: 200, body: { key: { status: 'ACTIVE' }, old: { apiKeyId: key.apiKeyId } } });
    expect((await call(rotated.body.key.value, 'GET', '/v1/payments')).status).toBe(200);
    expect((await call(key.value, 'GET', '/v1/payments')).status).toBe(403);
    const disabled = await adminCall('POST', `/v1/admin/companies/${child.companyId}/api-keys/${rotated.body.key.apiKeyId}/disable`);
    expect(disabled).toMatchObject({ status: 200, body: { status: 'DISABLED' } });
    expect((await call(rotated.body.key.value, 'GET', '/v1/payments')).status).toBe(403);
    expect(await adminCall('POST', `/v1/admin/companies/${root.companyId}/api-keys/${key.apiKeyId}/disable`)).toMatchObject({ status: 404 });
  });
});

describe('the OpenAPI document', () => {
  it('describes what the admin API returns', async () => {
    const { schemas } = openApiDocument().components as { schemas: Record<string, object> };
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const check = (name: string, body: unknown) => {
      const validate = ajv.compile(schemas[name]!);
      expect(validate(body), `${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    };
    check('AdminTemplateList', (await adminCall('GET', '/v1/admin/templates')).body);
    check('AdminNewCompany', created.root);
    check('AdminCompany', (await adminCall('GET', `/v1/admin/companies/${child.companyId}`)).body);
    check('AdminNotifySecret', (await adminCall('POST', `/v1/admin/companies/${root.companyId}/notify-secret/rotate`)).body);
    check('AdminCompanyList', (await adminCall('GET', `/v1/admin/companies/${root.companyId}/children`)).body);
    check('AdminPayConfigList', (await adminCall('GET', `/v1/admin/companies/${root.companyId}/pay-configs`)).body);
    check('AdminApiKeyList', (await adminCall('GET', `/v1/admin/companies/${child.companyId}/api-keys`)).body);
    check('AdminNewApiKey', (await adminCall('POST', `/v1/admin/companies/${root.companyId}/api-keys`, { tier: 'trial' })).body);
  });
});

describe('payee admin (the CLI)', () => {
  /** A local stack's target file, or a deployed API signed with the AWS credentials of the environment. */
  const where = () => {
    const t = target();
    if (!t.admin) return ['--api-url', t.apiUrl, '--region', t.region];
    const file = join(mkdtempSync(join(tmpdir(), 'payee-admin-')), 'target.json');
    writeFileSync(file, JSON.stringify(t));
    return ['--target', file];
  };
  // The project's node (Node 22), as `npx payee` runs it.
  const payee = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(join('node_modules', '.bin', 'node'), ['cli/payee.mjs', ...args], { env: { ...process.env, PAYEE_TARGET: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('shows help, prints tables and JSON, and reports API errors in one line with exit 1', async () => {
    const at = where();
    expect(await payee('admin', '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: payee admin <resource> <verb>') });

    const templates = await payee('admin', 'templates', 'list', ...at);
    expect(templates.code).toBe(0);
    expect(templates.stdout.split('\n')[0]).toMatch(/^CHANNEL\s+MODE\s+SECRET FIELDS\s+TITLE$/);
    expect(templates.stdout).toMatch(/^wechat\s+partner\s+privateKey, apiV3Key\s+WeChat Pay/m);

    const shown = await payee('admin', 'configs', 'show', payId, ...at);
    expect(shown.stdout).toMatch(/^ {2}privateKey\s+\{"hasValue":true\}$/m);
    expect(shown.stdout).not.toContain(String(samples['alipay/direct']!.privateKey).split('\n')[1]);

    const json = await payee('admin', 'companies', 'show', child.companyId, '--json', ...at);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(child);

    const missing = await payee('admin', 'companies', 'show', 'C00000000000000000000000000', ...at);
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'payee: No such company (param companyId, resource_missing, HTTP 404)\n' });

    const invalid = await payee('admin', 'configs', 'create', child.companyId, '--channel', 'paypal', '--set', 'clientId=abc', ...at);
    expect(invalid).toMatchObject({ code: 1, stderr: 'payee: config.clientSecret is required (param config.clientSecret, parameter_missing, HTTP 400)\n' });

    expect(await payee('admin', 'keys', 'create', child.companyId, ...at)).toMatchObject({ code: 2, stderr: expect.stringContaining('--tier is required') });
  });

  it('creates a company and rotates its notify secret, printing each secret once with a line to store it now', async () => {
    const at = where();
    const storeIt = /^Store the notifySecret now: it is shown only this once\./m;
    const secretIn = (stdout: string) => /^notifySecret\s+(whsec_[\w-]{43})$/m.exec(stdout)?.[1];

    const createdByCli = await payee('admin', 'companies', 'create', '--name', 'CLI Shop', '--parent', root.companyId, ...at);
    expect(createdByCli.code).toBe(0);
    const companyId = /^companyId\s+(C\w{26})$/m.exec(createdByCli.stdout)?.[1];
    const first = secretIn(createdByCli.stdout);
    expect(first).toBeDefined();
    expect(createdByCli.stdout.split(first!)).toHaveLength(2);
    expect(createdByCli.stdout).toMatch(storeIt);
    expect(createdByCli.stdout).toContain(`payee admin notify-secret rotate ${companyId}`);
    expect((await payee('admin', 'companies', 'show', companyId!, ...at)).stdout).not.toContain('whsec_');

    const rotated = await payee('admin', 'notify-secret', 'rotate', companyId!, ...at);
    expect(rotated.code).toBe(0);
    const second = secretIn(rotated.stdout);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(rotated.stdout.split(second!)).toHaveLength(2);
    expect(rotated.stdout).toMatch(storeIt);
    expect(JSON.stringify(await companyItems(companyId!))).not.toContain('whsec_');
  });
});
