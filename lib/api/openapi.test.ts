import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { samplePaidPayment } from '../notify/testing.ts';
import { notificationOf } from '../notify/notification.ts';
import { NOTIFIED_CHANGES } from './notification-schema.ts';
import { GROUP_NOTIFIED, type Group, type GroupMemberItem } from '../domain/group.ts';
import { groupNotification } from '../groups/settle-group.ts';
import { openApiDocument } from './openapi.ts';
import { OPENAPI_FILE, openApiFileText } from './openapi-file.ts';

const document = openApiDocument();
type Operation = { operationId: string; security?: unknown[]; tags?: string[]; parameters?: unknown[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
);

/** Ajv over the document's component schemas, as `#/components/schemas/...` references resolve them. */
function validatorOf(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'doc', components: document.components } as object);
  return ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
}

/** Source files of lib/ and functions/ (tests aside), as text. */
const sources = ['lib', 'functions'].flatMap((dir) =>
  readdirSync(new URL(`../../${dir}/`, import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(new URL(`../../${dir}/${f}`, import.meta.url), 'utf8')),
);

describe('the OpenAPI document', () => {
  it('names every error code the code can answer', () => {
    const thrown = new Set(
      sources.flatMap((text) => [
        ...[...text.matchAll(/new (?:Conflict|InvalidRequest|IdempotencyError|ApiKeyRefused)\(\s*'([a-z_]+)'/g)].map((m) => m[1]!),
        // A channel's refusal: the code a FAILED refund or payment carries.
        ...[...text.matchAll(/outcome: 'refused', code: '([a-z_]+)'/g)].map((m) => m[1]!),
      ]),
    );
    // Guards on payee's own values (a ULID payNo, a currency the schema checked): no request reaches them.
    for (const internal of ['invalid_currency', 'invalid_order_id']) thrown.delete(internal);
    const text = JSON.stringify(document);
    expect([...thrown].filter((code) => !text.includes(code)).sort()).toEqual([]);
  });

  it('is docs/openapi.json byte for byte (npm run openapi rewrites the file)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8') === openApiFileText(), 'docs/openapi.json is stale: run `npm run openapi`').toBe(true);
  });

  it("is a valid OpenAPI 3.1 document (the OpenAPI Initiative's schema, 2022-10-07)", () => {
    // https://spec.openapis.org/oas/3.1/schema/2022-10-07, as shipped by the openapi-spec-validator package.
    const text = readFileSync(new URL('./testdata/openapi-3.1-schema.json', import.meta.url), 'utf8');
    // Ajv resolves $dynamicRef only to an anchor at a schema's root; without an extending dialect
    // "#meta" is $defs/schema, so a plain $ref to it says the same.
    const oas = JSON.parse(text.replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"'));
    const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(oas);
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // A broken document is refused: the check can fail.
    expect(validate({ ...document, paths: { '/v1/x': { get: { responses: { 200: {} } } } } })).toBe(false);
  });

  it('has component schemas that are JSON Schema 2020-12 and references that all resolve', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(ajv.validateSchema(schema as object), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(document.components.schemas, ref).toHaveProperty(ref);
  });

  it('documents the statuses every operation can answer, each error with a JSON body, and Payee-Version', () => {
    for (const { route, op } of operations) {
      const admin = op.tags?.includes('admin');
      const statuses = Object.keys(op.responses);
      const expected = route === 'GET /openapi.json' ? ['400', '429', '500', '503'] : admin ? ['400', '403', '404', '500', '503'] : ['400', '403', '429', '500', '503'];
      expect(statuses, route).toEqual(expect.arrayContaining(expected));
      // The version check answers 400 on every operation, before anything else.
      expect(op.parameters, route).toContainEqual({ $ref: '#/components/parameters/PayeeVersion' });
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect(Object.keys(op.responses[status]!.content ?? {}), `${route} ${status}`).toEqual(['application/json']);
      }
    }
  });

  it("documents 404 for another company's payNo and for a companyId that is not the caller's descendant", () => {
    for (const { route, op } of operations.filter(({ route }) => route.includes('{payNo}') || /GET \/v1\/(payments|reports\/reconciliation)$/.test(route))) {
      expect(op.responses, route).toHaveProperty('404');
    }
    const parameters = (route: string) => (operations.find((o) => o.route === route)!.op as unknown as { parameters: { name: string }[] }).parameters.map((p) => p.name);
    expect(parameters('GET /v1/payments')).toContain('companyId');
    expect(parameters('GET /v1/reports/reconciliation')).toContain('companyId');
  });

  it('takes the API key on merchant operations, SigV4 on admin ones and nothing on the public copy of itself', () => {
    expect(document.security).toEqual([{ apiKey: [] }]);
    for (const { route, op } of operations) {
      if (route === 'GET /openapi.json') expect(op.security, route).toEqual([]);
      else if (route.startsWith('GET /v1/admin') || / \/v1\/admin\//.test(route)) expect(op.security, route).toEqual([{ sigv4: [] }]);
      else expect(op.security, route).toBeUndefined();
    }
  });

  it('names a local server and a templated deployed one', () => {
    expect(document.servers[0]!.url).toBe('http://127.0.0.1:4010/live');
    const deployed = document.servers.find((s) => s.url.includes('execute-api'))!;
    for (const name of deployed.url.matchAll(/\{(\w+)\}/g)) expect(deployed.variables, name[1]).toHaveProperty(`${name[1]}.default`);
  });

  it('describes each notification as a webhook whose body is what the notifier sends', () => {
    const groupTypes = GROUP_NOTIFIED.map((status) => `group.${status}`);
    expect(Object.keys(document.webhooks).filter((k) => !k.startsWith('events.')).sort()).toEqual([...Object.keys(NOTIFIED_CHANGES), ...groupTypes].sort());
    const payment = samplePaidPayment();
    for (const [type, status] of Object.entries(NOTIFIED_CHANGES)) {
      const hook = document.webhooks[type]!.post;
      expect(hook.parameters.map((p) => [p.name, p.in, p.required])).toEqual([['Payee-Signature', 'header', true]]);
      const validate = validatorOf(hook.requestBody.content['application/json'].schema);
      const body = JSON.parse(notificationOf({ ...payment, status }, '2026-11-24T10:00:05.000Z')!.body);
      expect(validate(body), `${type}: ${JSON.stringify(validate.errors)}`).toBe(true);
      // Another event's body is refused: each webhook's schema names its own type and status.
      expect(validate({ ...body, type: 'payment.other' })).toBe(false);
    }
  });

  it("describes group.paid and group.closed as webhooks whose body is settle-group's notification", () => {
    for (const status of GROUP_NOTIFIED) {
      const payment = samplePaidPayment({ status: status === 'paid' ? 'SUCCEEDED' : 'CLOSED' });
      const group: Group = { groupNo: 'G01KBX0000000000000000000000', companyId: payment.companyId, mode: 'batch', notifyUrl: 'https://shop.example/notify', memberCount: 1, status, createdAt: payment.createdAt, updatedAt: payment.updatedAt };
      const member = { groupNo: group.groupNo, payNo: payment.payNo, index: 0, outTradeNo: payment.outTradeNo, body: {} as GroupMemberItem['body'] };
      const sent = groupNotification({ group, members: [member], payments: new Map([[payment.payNo, payment]]) }, `group.${status}`, '2026-11-24T10:00:05.000Z')!;
      const hook = document.webhooks[`group.${status}` as keyof typeof document.webhooks]!.post;
      expect(hook.parameters.map((p) => [p.name, p.in, p.required])).toEqual([['Payee-Signature', 'header', true]]);
      // The body is the GroupNotification component, so that SDKs have a model of what they verify.
      expect(JSON.stringify(hook.requestBody.content['application/json'].schema)).toContain('"$ref":"#/components/schemas/GroupNotification"');
      const validate = validatorOf(hook.requestBody.content['application/json'].schema);
      const body = JSON.parse(sent.body);
      expect(validate(body), `group.${status}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate({ ...body, type: 'group.other' })).toBe(false);
      expect(validate({ ...body, data: { ...body.data, status: 'mixed' } })).toBe(false);
    }
  });

  it('the group.paid signature vector is a valid group.paid body (the SDKs test their GroupNotification with it)', () => {
    const { vectors } = JSON.parse(readFileSync(new URL('../../docs/vectors/notification-signature.json', import.meta.url), 'utf8')) as { vectors: { name: string; body: string }[] };
    const body = JSON.parse(vectors.find((v) => v.name === 'group.paid')!.body);
    const validate = validatorOf(document.webhooks['group.paid']!.post.requestBody.content['application/json'].schema);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.data.members).toHaveLength(2);
  });
});
