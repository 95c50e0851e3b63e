/** `payee plugins list|describe <name>`: the plugin catalogue (plugins/<name>/), read from the manifests; no deployment needed. */
import * as z from 'zod/mini';
import { filterPolicyOf } from '../lib/plugins/manifest.ts';
import { PLUGINS } from '../plugins/index.ts';
import type { Io } from './main.ts';
import { record, table } from './output.ts';

const USAGE = 'Usage: payee plugins list [--json] | payee plugins describe <name> [--json]';

export function pluginsCommand(argv: readonly string[], io: Io): number {
  const json = argv.includes('--json');
  const [verb, name, ...extra] = argv.filter((a) => a !== '--json');
  if (verb === 'list' && name === undefined) {
    const rows = Object.values(PLUGINS);
    io.out(
      `${json ? JSON.stringify(rows.map(({ name, version, description, events }) => ({ name, version, description, events })), null, 2) : table(rows, [
        { header: 'NAME', value: (m) => m.name },
        { header: 'VERSION', value: (m) => m.version },
        { header: 'EVENTS', value: (m) => m.events },
        { header: 'DESCRIPTION', value: (m) => m.description },
      ])}\n`,
    );
    return 0;
  }
  if (verb === 'describe' && name !== undefined && extra.length === 0) {
    const manifest = PLUGINS[name];
    if (!manifest) {
      io.err(`payee: no plugin ${name} (plugins: ${Object.keys(PLUGINS).join(', ')})\n`);
      return 1;
    }
    const settings = z.toJSONSchema(manifest.settings, { io: 'input', unrepresentable: 'any' });
    const described = {
      name: manifest.name,
      version: manifest.version,
      description: manifest.description,
      events: manifest.events,
      filterPolicy: filterPolicyOf(manifest),
      permissions: manifest.permissions,
      settings,
    };
    if (json) io.out(`${JSON.stringify(described, null, 2)}\n`);
    else {
      const props = (settings as { properties?: Record<string, { description?: string }>; required?: string[] }).properties ?? {};
      const required = (settings as { required?: string[] }).required ?? [];
      io.out(
        `${record({ name: manifest.name, version: manifest.version, description: manifest.description, events: manifest.events, filterPolicy: described.filterPolicy })}\n\npermissions\n${manifest.permissions.map((p) => `  ${p}`).join('\n')}\n\nsettings (tenants.json: tenants[].plugins["${manifest.name}"])\n${table(
          Object.entries(props),
          [
            { header: '  FIELD', value: ([k]) => `  ${k}` },
            { header: 'REQUIRED', value: ([k]) => (required.includes(k) ? 'yes' : 'no') },
            { header: 'DESCRIPTION', value: ([, v]) => v.description },
          ],
        )}\n`,
      );
    }
    return 0;
  }
  io.err(`payee: ${verb === undefined ? 'a verb is needed' : `unknown or incomplete: plugins ${argv.join(' ')}`}\n${USAGE}\n`);
  return 2;
}
