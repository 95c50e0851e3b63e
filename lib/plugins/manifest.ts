/**
 * A plugin's manifest (issue 14): what `npx payee plugins describe` shows and what synthesis checks
 * a tenant's settings against. The plugin itself is `plugins/<name>/`: this manifest, a CDK
 * construct and a handler that reads events from the plugin's own queue.
 */
import * as z from 'zod/mini';

export interface PluginManifest<S extends z.ZodMiniType = z.ZodMiniType> {
  /** The folder's name and the key under a tenant's `plugins` in tenants.json. */
  name: string;
  version: string;
  description: string;
  /** The event types the plugin's queue receives (docs/events.md). */
  events: readonly string[];
  /** More of the SNS filter policy on the message attributes, beside `type`; settings may narrow it. */
  filter?: Readonly<Record<string, readonly unknown[]>>;
  /** What the plugin may do, in words an operator reviews: the construct grants exactly these. */
  permissions: readonly string[];
  /** The settings a tenant gives it in tenants.json, checked at synthesis. */
  settings: S;
}

/** The SNS filter policy of a plugin's subscription: its event types, its own filter, and a tenant's `companyIds`. */
export function filterPolicyOf(manifest: PluginManifest, companyIds?: readonly string[]): Record<string, unknown[]> {
  return {
    type: [...manifest.events],
    ...Object.fromEntries(Object.entries(manifest.filter ?? {}).map(([k, v]) => [k, [...v]])),
    ...(companyIds?.length ? { companyId: [...companyIds] } : {}),
  };
}

/** Settings every plugin takes besides its own: which companies' events it gets (all by default). */
export const commonSettings = {
  companyIds: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.describe("Only these companies' events; all when omitted"))),
};
