/**
 * The part of the OpenAPI document an SDK must follow, as plain lists that a manifest can state
 * and a test can compare: the merchant operations, every field of every model they use (with its
 * enum values), their query parameters, the error types and the error codes the document names
 * (in error replies, the Error code's description and a model's failure code).
 * Descriptions, patterns and limits are left out: changing them asks nothing of an SDK.
 */

export interface Surface {
  /** operationIds of the merchant API (admin and keyless operations are not for SDKs). */
  operations: string[];
  /** Model (component schema, or `<operationId>.query`) → its field paths, `a.b`, `list[].c`, `status: A|B`. */
  models: Record<string, string[]>;
  errorTypes: string[];
  errorCodes: string[];
}

type Schema = Record<string, any>;
type Operation = { operationId: string; tags?: string[]; security?: unknown[]; parameters?: Schema[]; requestBody?: Schema; responses: Record<string, Schema> };

/** Schemas equal but for what does not shape data (descriptions, the $schema marker). */
function shape(schema: unknown): string {
  return JSON.stringify(schema, (key, value) => (key === 'description' || key === '$schema' ? undefined : value));
}

/** The component a schema inlines whole (zod's JSON Schema inlines nested models), if any. */
export function componentNamed(schema: Schema, components: Record<string, Schema>, except?: string): string | undefined {
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop();
  const s = shape(schema);
  return Object.keys(components).find((name) => name !== except && shape(components[name]) === s);
}

export function merchantOperations(doc: Schema): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => !op.tags?.includes('admin') && !(Array.isArray(op.security) && op.security.length === 0))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

function fieldsOf(schema: Schema, components: Record<string, Schema>, self: string, prefix = '', out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) fieldsOf(branch, components, self, prefix, out);
  for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const path = `${prefix}${name}`;
    const values = out.get(path) ?? new Set<string>();
    out.set(path, values);
    const named = componentNamed(prop, components, self);
    const item = prop.type === 'array' ? (prop.items as Schema) : undefined;
    const namedItem = item && componentNamed(item, components, self);
    if (named) values.add(named);
    else if (namedItem) values.add(`${namedItem}[]`);
    else {
      for (const v of [...(prop.enum ?? []), ...('const' in prop ? [prop.const] : []), ...(prop.anyOf ?? []).flatMap((b: Schema) => [...(b.enum ?? []), ...('const' in b ? [b.const] : [])])]) values.add(String(v));
      if (item) fieldsOf(item, components, self, `${path}[].`, out);
      fieldsOf(prop, components, self, `${path}.`, out);
    }
  }
  return out;
}

const listOf = (fields: Map<string, Set<string>>) =>
  [...fields].map(([path, values]) => (values.size ? `${path}: ${[...values].sort().join('|')}` : path)).sort();

export function surfaceOf(doc: Schema): Surface {
  const components = doc.components.schemas as Record<string, Schema> & { Error: Schema };
  const operations = merchantOperations(doc);
  const used = new Set<string>(['Error']);
  const refs = (x: unknown) => [...JSON.stringify(x).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].forEach((m) => used.add(m[1]!));
  const models: Record<string, string[]> = {};
  const codes = new Set<string>();
  const named = (text: unknown) => {
    for (const m of String(text ?? '').matchAll(/\b[a-z]+(?:_[a-z]+)+\b/g)) codes.add(m[0]);
  };
  named(components.Error.properties.error.properties.code.description);
  for (const { op } of operations) {
    refs(op.requestBody ?? {});
    for (const [status, response] of Object.entries(op.responses)) {
      if (Number(status) < 300) refs(response);
      else named(response.description);
    }
    const query = (op.parameters ?? []).filter((p) => p.in === 'query');
    if (query.length) models[`${op.operationId}.query`] = query.map((p) => (p.required ? `${p.name} (required)` : p.name)).sort();
  }
  refs(doc.webhooks ?? {});
  for (const name of [...used].sort()) {
    models[name] = listOf(fieldsOf(components[name]!, components, name));
    // A failure's code (a FAILED refund's) is a code the SDK's constants cover too.
    named(components[name]!.properties?.failure?.properties?.code?.description);
  }
  return {
    operations: operations.map(({ op }) => op.operationId).sort(),
    models: Object.fromEntries(Object.entries(models).sort(([a], [b]) => a.localeCompare(b))),
    errorTypes: [...(components.Error.properties.error.properties.type.enum as string[])].sort(),
    errorCodes: [...codes].sort(),
  };
}
