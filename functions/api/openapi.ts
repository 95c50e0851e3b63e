/** GET /v1/openapi.json — the OpenAPI 3.1 document generated from the zod schemas. */
import { openApiDocument } from '#lib/api/openapi.ts';
import { apiHandler } from '#lib/http/api-handler.ts';
import { json } from '#lib/http/response.ts';

let document: unknown;

export const handler = apiHandler(async () => {
  document ??= openApiDocument();
  return json(200, document, { 'Cache-Control': 'public, max-age=300' });
});
