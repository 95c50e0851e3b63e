/** The SDK follows the one contract: its generated layer is current and its manifest is true of its code. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as sdk from '../src/index.ts';
import { generateManifest, generateModels, MANIFEST_FILE, MODELS_FILE, OPENAPI_FILE } from '../scripts/generate.ts';

const openapi = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as { operations: Record<string, string>; errorTypes: Record<string, string> };

describe('the contract', () => {
  it('src/models.ts and manifest.json are generated from docs/openapi.json as it is (npm run generate)', () => {
    assert.ok(readFileSync(MODELS_FILE, 'utf8') === generateModels(openapi), 'src/models.ts is stale: run `npm run generate`');
    assert.ok(readFileSync(MANIFEST_FILE, 'utf8') === generateManifest(openapi, manifest), 'manifest.json is stale: run `npm run generate`');
  });

  it("every operation the manifest claims is a method of the client", () => {
    const payee = new sdk.Payee({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' });
    for (const [operationId, names] of Object.entries(manifest.operations)) {
      for (const name of names.split(', ')) {
        const method = name.split('.').reduce<any>((o, key) => o?.[key], payee);
        assert.equal(typeof method, 'function', `${operationId} → ${name}`);
      }
    }
  });

  it('every error type maps to the exported class the manifest names', () => {
    for (const [type, className] of Object.entries(manifest.errorTypes)) {
      const Class = (sdk as unknown as Record<string, unknown>)[className];
      assert.equal(sdk.ERROR_CLASSES[type as sdk.ErrorType], Class, type);
      const error = sdk.errorFromResponse(400, { error: { type, code: 'c', message: 'm', requestId: 'r' } }, new Headers());
      assert.ok(error instanceof (Class as typeof sdk.PayeeError) && error.type === type && error.requestId === 'r', type);
    }
  });

  it("maps API Gateway's own refusals by status", () => {
    const gateway = (status: number) => sdk.errorFromResponse(status, { message: 'x' }, new Headers({ 'x-amzn-requestid': 'gw-1' }));
    assert.ok(gateway(403) instanceof sdk.AuthenticationError);
    assert.ok(gateway(429) instanceof sdk.RateLimitError);
    assert.ok(gateway(502) instanceof sdk.APIError);
    assert.equal(gateway(403).requestId, 'gw-1');
  });

  it('VERSION is the version in package.json', () => {
    assert.equal(sdk.VERSION, JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });
});
