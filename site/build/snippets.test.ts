import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { codeSamples, curlSample, SNIPPETS } from './snippets.ts';

const root = resolve(import.meta.dirname, '../..');
const openapi = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; tags?: string[] }>> };
const merchantOps = Object.entries(openapi.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) => (op.operationId && !op.tags ? [{ path, method, id: op.operationId }] : [])),
);

for (const [language, snippets] of Object.entries(SNIPPETS)) {
  test(`${language}: every snippet calls a method the SDK's manifest lists for its operation`, () => {
    const manifest = JSON.parse(readFileSync(join(root, 'sdk', language, 'manifest.json'), 'utf8')) as { operations: Record<string, string> };
    for (const [operationId, call] of Object.entries(snippets.calls)) {
      const methods = (manifest.operations[operationId] ?? '').split(',').map((m) => m.trim());
      assert.ok(methods.includes(call.method), `${language} ${operationId}: ${call.method} is not among ${methods.join(', ') || 'nothing'}`);
      // The code shows the call itself (a Java `payments.create` is written payments().create).
      const last = call.method.split('.').at(-1)!;
      assert.match(call.code, new RegExp(`\\b${last}\\(`), `${language} ${operationId}: the code does not call ${last}`);
    }
  });
}

test('every operation a snippet covers is in the document; it gets curl and each SDK; operator operations get none', () => {
  const covered = new Set(Object.values(SNIPPETS).flatMap((s) => Object.keys(s.calls)));
  for (const id of covered) assert.ok(merchantOps.some((op) => op.id === id), `${id} is not an operation of docs/openapi.json`);
  for (const op of merchantOps.filter((o) => covered.has(o.id))) {
    const samples = codeSamples(op.method, op.path, op.id);
    assert.deepEqual(samples.map((s) => s.label), ['curl', ...Object.values(SNIPPETS).filter((s) => s.calls[op.id]).map((s) => s.label)], op.id);
  }
  assert.deepEqual(codeSamples('post', '/v1/admin/companies', 'adminCreateCompany'), []);
});

test('curl: the method, the path with a payNo, the key header and the body of a create', () => {
  assert.equal(curlSample('get', '/v1/payments/{payNo}', 'getPayment'), 'curl -s "$PAYEE_URL/v1/payments/P01KBX3Z9N6F0T8J2W7R5C4M1Q" \\\n  -H "x-api-key: $PAYEE_KEY"\n');
  const create = curlSample('post', '/v1/payments', 'createPayment');
  assert.match(create, /^curl -s -X POST "\$PAYEE_URL\/v1\/payments"/);
  assert.match(create, /-d '\{"method":"alipay\.qr","outTradeNo":"A1001","subject":"T-shirt","amount":1999,"currency":"CNY"\}'/);
  assert.match(create, /Idempotency-Key: order-A1001/);
});
