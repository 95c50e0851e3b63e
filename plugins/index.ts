/** The plugin catalogue: every plugin of `plugins/<name>/`, by name (what tenants.json enables and `npx payee plugins` lists). */
import type { PluginManifest } from '../lib/plugins/manifest.ts';
import { accountingExport } from './accounting-export/manifest.ts';
import { chatAlert } from './chat-alert/manifest.ts';
import { riskRule } from './risk-rule/manifest.ts';

export const PLUGINS: Readonly<Record<string, PluginManifest>> = Object.fromEntries([chatAlert, accountingExport, riskRule].map((m) => [m.name, m]));
