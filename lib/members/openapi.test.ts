import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { OAuthLogin } from './oauth-login.ts';
import { MEMBER_OPENAPI_FILE, memberOpenApiFileText } from './openapi-file.ts';
import { memberOpenApiDocument } from './openapi.ts';
import type { PurchaseService } from './purchase.ts';
import { memberRoutes } from './routes.ts';
import type { SandboxService } from './sandbox.ts';
import type { MemberService } from './service.ts';

const document = memberOpenApiDocument();
type Operation = { security: unknown[]; parameters: { name: string; in: string }[]; responses: Record<string, unknown> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ method, path, op })));

describe("the member API's OpenAPI document", () => {
  it('is docs/members-openapi.json byte for byte (npm run openapi rewrites the file)', () => {
    expect(readFileSync(MEMBER_OPENAPI_FILE, 'utf8') === memberOpenApiFileText(), 'docs/members-openapi.json is stale: run `npm run openapi`').toBe(true);
  });

  it('has an operation for every route of the member API and none besides', () => {
    // The route tables with every part on: only their keys are read here, no route runs.
    const routes = memberRoutes({} as MemberService, { sandbox: {} as SandboxService, purchase: {} as PurchaseService, logins: [{ provider: { name: 'wechat' } } as OAuthLogin] });
    const asRoute = (method: string, path: string) => `${method.toUpperCase()} ${path.replace('/api/members', '').replace(/\{\w+\}/g, ':')}`;
    expect(operations.map(({ method, path }) => asRoute(method, path)).sort()).toEqual(Object.keys(routes).sort());
  });

  it("is a valid OpenAPI 3.1 document (the OpenAPI Initiative's schema), its schemas JSON Schema 2020-12, every reference resolving", () => {
    const text = readFileSync(new URL('../api/testdata/openapi-3.1-schema.json', import.meta.url), 'utf8');
    const oas = JSON.parse(text.replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"'));
    const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(oas);
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate({ ...document, paths: { '/x': { get: { responses: { 200: {} } } } } })).toBe(false);
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const [name, schema] of Object.entries(document.components.schemas)) expect(ajv.validateSchema(schema as object), name).toBe(true);
    const refs = new Set([...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!));
    expect(refs.size).toBeGreaterThan(10);
    for (const ref of refs) expect(document.components.schemas, ref).toHaveProperty(ref);
  });

  it('asks the session cookie where a member must be logged in, the CSRF header on every state-changing call but payee’s signed notification', () => {
    const byRoute = Object.fromEntries(operations.map(({ method, path, op }) => [`${method} ${path}`, op]));
    const headers = (op: Operation) => op.parameters.filter((p) => p.in === 'header').map((p) => p.name);
    expect(byRoute['get /api/members/me']!.security).toEqual([{ session: [] }]);
    expect(byRoute['get /api/members/me']!.responses).toHaveProperty('401');
    expect(byRoute['post /api/members/signup']!.security).toEqual([]);
    expect(headers(byRoute['post /api/members/signup']!)).toEqual(['x-csrf-token']);
    expect(headers(byRoute['post /api/members/plans/notify']!)).toEqual(['Payee-Signature']);
    for (const { method, op } of operations) if (method === 'get') expect(headers(op)).toEqual([]);
  });
});
