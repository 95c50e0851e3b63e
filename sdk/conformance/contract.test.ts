/**
 * The contract check: each SDK's manifest (sdk/<language>/manifest.json) states the operations,
 * model fields, error types and error codes it follows; this fails when the OpenAPI document
 * (docs/openapi.json) says otherwise — an endpoint, a field, an enum value or a code added,
 * changed or removed — until the SDK follows and its manifest says so.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { surfaceOf, type Surface } from './surface.ts';

const SDK_DIR = fileURLToPath(new URL('..', import.meta.url));
const openapi = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));

interface Manifest {
  language: string;
  operations: Record<string, string>;
  models: Record<string, string[]>;
  errorTypes: Record<string, string>;
  errorCodes: string[];
}

/** Every way the manifest and the document disagree, one line each. */
export function differences(surface: Surface, manifest: Manifest): string[] {
  const out: string[] = [];
  const compare = (what: string, documented: string[], stated: string[]) => {
    for (const x of documented.filter((d) => !stated.includes(d))) out.push(`${what}: the document has "${x}", the manifest does not`);
    for (const x of stated.filter((s) => !documented.includes(s))) out.push(`${what}: the manifest has "${x}", the document does not`);
  };
  compare('operations', surface.operations, Object.keys(manifest.operations ?? {}));
  compare('models', Object.keys(surface.models), Object.keys(manifest.models ?? {}));
  for (const [model, fields] of Object.entries(surface.models)) if (manifest.models?.[model]) compare(model, fields, manifest.models[model]);
  compare('errorTypes', surface.errorTypes, Object.keys(manifest.errorTypes ?? {}));
  compare('errorCodes', surface.errorCodes, manifest.errorCodes ?? []);
  return out;
}

const manifests = readdirSync(SDK_DIR)
  .filter((d) => existsSync(join(SDK_DIR, d, 'manifest.json')))
  .map((d) => ({ dir: d, manifest: JSON.parse(readFileSync(join(SDK_DIR, d, 'manifest.json'), 'utf8')) as Manifest }));

describe('every SDK follows docs/openapi.json', () => {
  it('there is at least one SDK manifest', () => assert.ok(manifests.length > 0));

  for (const { dir, manifest } of manifests) {
    it(`sdk/${dir}/manifest.json states what the document says`, () => {
      assert.equal(manifest.language, dir, 'the manifest names its own folder');
      const diff = differences(surfaceOf(openapi), manifest);
      assert.deepEqual(diff, [], `sdk/${dir} does not follow the API:\n  ${diff.join('\n  ')}`);
    });
  }

  it('fails for an SDK that misses a new field, enum value, endpoint or error code', () => {
    // A manifest that follows today's document exactly, whatever state the SDKs are in.
    const surface = surfaceOf(openapi);
    const manifest: Manifest = {
      language: 'exact',
      operations: Object.fromEntries(surface.operations.map((op) => [op, op])),
      models: surface.models,
      errorTypes: Object.fromEntries(surface.errorTypes.map((t) => [t, t])),
      errorCodes: surface.errorCodes,
    };
    // A field and an enum value added as the document would have them: in every model that inlines them.
    const payNo = JSON.stringify({ payNo: openapi.components.schemas.Payment.properties.payNo }).slice(1, -1);
    const refundStatus = JSON.stringify(openapi.components.schemas.Refund.properties.status.enum);
    const changed = JSON.parse(
      JSON.stringify(openapi)
        .replaceAll(payNo, `"tip":{"type":"integer"},${payNo}`)
        .replaceAll(refundStatus, refundStatus.replace(']', ',"REVERSED"]')),
    );
    changed.paths['/v1/payments/{payNo}/capture'] = { post: { operationId: 'capturePayment', responses: { '200': { description: 'ok' }, '409': { description: 'payment_not_capturable' } } } };
    assert.deepEqual(differences(surfaceOf(changed), manifest), [
      'operations: the document has "capturePayment", the manifest does not',
      'Payment: the document has "tip", the manifest does not',
      'Refund: the document has "status: FAILED|PENDING|PROCESSING|REVERSED|SUCCEEDED", the manifest does not',
      'Refund: the manifest has "status: FAILED|PENDING|PROCESSING|SUCCEEDED", the document does not',
      'errorCodes: the document has "payment_not_capturable", the manifest does not',
    ]);
  });
});
