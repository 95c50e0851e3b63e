/**
 * The mechanical layer, generated from the one contract (docs/openapi.json): src/models.ts (every
 * model, enum, query and error code as TypeScript types) and the `models`/`errorCodes` part of
 * manifest.json that the contract check compares with the document. `npm run generate` writes
 * both; the unit tests fail while either is stale. The idiomatic layer (client, retries, waiters,
 * notifications) is written by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { componentNamed, merchantOperations, surfaceOf } from '../../conformance/surface.ts';

type Schema = Record<string, any>;

export const OPENAPI_FILE = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
export const MODELS_FILE = fileURLToPath(new URL('../src/models.ts', import.meta.url));
export const MANIFEST_FILE = fileURLToPath(new URL('../manifest.json', import.meta.url));

/** `Error` would shadow the global class. */
const RENAMED: Record<string, string> = { Error: 'ErrorResponse' };
const typeName = (component: string) => RENAMED[component] ?? component;
const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

function doc(text: string | undefined, indent: string): string {
  return text ? `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n` : '';
}

export function generateModels(openapi: Schema): string {
  const components = openapi.components.schemas as Record<string, Schema>;
  const surface = surfaceOf(openapi);
  const declarations: string[] = [];

  const ts = (schema: Schema, self: string, path: string, indent: string): string => {
    const named = path && componentNamed(schema, components, self);
    if (named) return typeName(named);
    const union = schema.anyOf ?? schema.oneOf;
    if (union) return [...new Set(union.map((b: Schema) => ts(b, self, path, indent)))].join(' | ');
    if (schema.allOf) return schema.allOf.map((b: Schema) => ts(b, self, path, indent)).join(' & ');
    if (schema.enum) return schema.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
    if ('const' in schema) return JSON.stringify(schema.const);
    switch (schema.type) {
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'string':
        return 'string';
      case 'null':
        return 'null';
      case 'array': {
        const item = schema.items as Schema;
        // A list model's inline item gets a name of its own: PaymentEventList → PaymentEvent, or
        // GroupList → GroupSummary where a component of the plain name (Group) is another shape.
        if (path === 'data' && self.endsWith('List') && !componentNamed(item, components, self)) {
          const plain = self.slice(0, -'List'.length);
          const itemName = components[plain] ? `${plain}Summary` : plain;
          declarations.push(`${doc(item.description, '')}export interface ${itemName} ${objectType(item, itemName, '')}`);
          return `${itemName}[]`;
        }
        const inner = ts(item, self, `${path}[]`, indent);
        return inner.includes(' ') && !inner.startsWith('{') ? `(${inner})[]` : `${inner}[]`;
      }
      case 'object':
        if (schema.properties) return objectType(schema, self, indent, path);
        if (typeof schema.additionalProperties === 'object') return `Record<string, ${ts(schema.additionalProperties, self, `${path}.*`, indent)}>`;
        return 'Record<string, unknown>';
      default:
        return 'unknown';
    }
  };

  const objectType = (schema: Schema, self: string, indent: string, path = ''): string => {
    const required = new Set<string>(schema.required ?? []);
    const inner = `${indent}  `;
    const fields = Object.entries(schema.properties as Record<string, Schema>).map(
      ([name, prop]) => `${doc(prop.description, inner)}${inner}${name}${required.has(name) ? '' : '?'}: ${ts(prop, self, path ? `${path}.${name}` : name, inner)};`,
    );
    return `{\n${fields.join('\n')}\n${indent}}`;
  };

  const models: string[] = [];
  for (const name of Object.keys(surface.models).filter((n) => components[n])) {
    const schema = components[name]!;
    models.push(`${doc(schema.description, '')}export interface ${typeName(name)} ${objectType(schema, name, '')}`);
  }
  // Query parameters: a digit-only string parameter (`limit`) is a number to the caller.
  for (const { op } of merchantOperations(openapi)) {
    const query = (op.parameters ?? []).filter((p: Schema) => p.in === 'query');
    if (!query.length) continue;
    const fields = query.map((p: Schema) => {
      const type = p.schema.type === 'string' && /^\^\\d\{[\d,]+\}\$$/.test(p.schema.pattern ?? '') ? 'number' : ts(p.schema, '', p.name, '  ');
      return `${doc(p.description, '  ')}  ${p.name}${p.required ? '' : '?'}: ${type};`;
    });
    models.push(`/** Query parameters of ${op.operationId}. */\nexport interface ${pascal(op.operationId)}Params {\n${fields.join('\n')}\n}`);
  }

  return [
    `// Generated by scripts/generate.ts from docs/openapi.json: do not edit, run \`npm run generate\`.`,
    '',
    '/** The API version these models follow, sent as the Payee-Version header. */',
    `export const API_VERSION = ${JSON.stringify(openapi.info.version)};`,
    '',
    `export const ERROR_TYPES = ${JSON.stringify(surface.errorTypes)} as const;`,
    'export type ErrorType = (typeof ERROR_TYPES)[number];',
    '',
    '/** The error codes the API documents; others may come (an SDK passes any code through). */',
    `export const ERROR_CODES = ${JSON.stringify(surface.errorCodes)} as const;`,
    'export type ErrorCode = (typeof ERROR_CODES)[number];',
    '',
    ...[...models, ...declarations].map((m) => `${m}\n`),
  ].join('\n');
}

/** manifest.json with its generated part (models, errorCodes) from the document, the rest kept. */
export function generateManifest(openapi: Schema, current: Schema): string {
  const { models, errorCodes } = surfaceOf(openapi);
  return `${JSON.stringify({ ...current, models, errorCodes }, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const openapi = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  writeFileSync(MODELS_FILE, generateModels(openapi));
  writeFileSync(MANIFEST_FILE, generateManifest(openapi, JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'))));
  console.log(`wrote ${MODELS_FILE} and ${MANIFEST_FILE}`);
}
