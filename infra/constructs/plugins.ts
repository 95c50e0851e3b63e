import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { PluginManifest } from '../../lib/plugins/manifest.ts';
import { accountingExportPlugin } from '../../plugins/accounting-export/construct.ts';
import { chatAlertPlugin } from '../../plugins/chat-alert/construct.ts';
import { PLUGINS } from '../../plugins/index.ts';
import { riskRulePlugin } from '../../plugins/risk-rule/construct.ts';
import type { PluginSubscription } from './plugin-subscription.ts';

type Props = { settings: never; topic: ITopic; tenant: string };
/** Each plugin's construct, by name; what it adds besides its subscription is its own affair. */
const CONSTRUCTS: Record<string, (scope: Construct, props: Props) => PluginSubscription | { plugin: PluginSubscription; alarm: Alarm }> = {
  'chat-alert': chatAlertPlugin,
  'accounting-export': accountingExportPlugin,
  'risk-rule': riskRulePlugin,
};

/** A tenant's settings of one plugin, as synthesis reads them: an unknown plugin or bad settings stop it, naming the field. */
export function pluginSettings(name: string, settings: unknown): { manifest: PluginManifest; settings: never } {
  const manifest = PLUGINS[name];
  if (!manifest || !CONSTRUCTS[name]) throw new Error(`plugins.${name}: no such plugin (known: ${Object.keys(PLUGINS).join(', ')})`);
  const parsed = manifest.settings.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`plugins.${[name, ...issue.path].join('.')}: ${issue.message}`);
  }
  return { manifest, settings: parsed.data as never };
}

/** The plugins a tenant enabled, each in its own construct: their functions, queues and alarms for the stack's monitoring. */
export class Plugins extends Construct {
  readonly subscriptions: Record<string, PluginSubscription> = {};
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: { enabled: Readonly<Record<string, unknown>>; topic: ITopic; tenant: string }) {
    super(scope, id);
    for (const [name, raw] of Object.entries(props.enabled)) {
      const { settings } = pluginSettings(name, raw);
      const made = CONSTRUCTS[name]!(this, { settings, topic: props.topic, tenant: props.tenant });
      const plugin = 'plugin' in made ? made.plugin : made;
      if ('alarm' in made) this.alarms.push(made.alarm);
      this.subscriptions[plugin.node.id] = plugin;
    }
  }
}
