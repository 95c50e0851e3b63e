/**
 * docs/members-openapi.json: the member API's OpenAPI document as a file in the repository. `npm run
 * openapi` rewrites it with the gateway's; a unit test fails while it differs from the generated one.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { memberOpenApiDocument } from './openapi.ts';

export const MEMBER_OPENAPI_FILE = fileURLToPath(new URL('../../docs/members-openapi.json', import.meta.url));

export const memberOpenApiFileText = (): string => `${JSON.stringify(memberOpenApiDocument(), null, 2)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(MEMBER_OPENAPI_FILE, memberOpenApiFileText());
  console.log(`wrote ${MEMBER_OPENAPI_FILE}`);
}
