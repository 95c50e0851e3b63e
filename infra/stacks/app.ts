import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { ASSET_RESOURCE_METADATA_ENABLED_CONTEXT, PATH_METADATA_ENABLE_CONTEXT, type CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PayeeStack, type PayeeStackProps } from './payee-stack.ts';

const TENANT = /^[a-z][a-z0-9-]{1,30}$/;

/** A wrong invocation (no or bad tenant): worth a one-line message, not a stack trace. */
export class UsageError extends Error {}

export interface PayeeAppOptions {
  /** @default the `tenant` context value (`cdk synth -c tenant=demo`) */
  readonly tenant?: string;
  /** Cloud assembly directory. @default the CLI's (`cdk.out`), else a new temporary directory */
  readonly outdir?: string;
  readonly stack?: Omit<PayeeStackProps, 'tenant'>;
}

/**
 * The CDK app with one tenant's stack `Payee-<tenant>`, checked by cdk-nag's AwsSolutions pack
 * at synthesis (errors fail it; every finding lands in the assembly's `validation-report.json`).
 * In-process callers (tests, the local stack) get the feature flags of `cdk.json` and the
 * metadata the CLI asks for (`aws:asset:path`, `aws:cdk:path`), so they synthesize the same
 * template as `cdk synth`.
 */
export function buildApp(options: PayeeAppOptions = {}): { app: App; stack: PayeeStack } {
  const app = new App({
    outdir: options.outdir,
    context: { ...cdkJsonContext(), [ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true, [PATH_METADATA_ENABLE_CONTEXT]: true },
  });
  const tenant = options.tenant ?? app.node.tryGetContext('tenant');
  if (typeof tenant !== 'string' || !TENANT.test(tenant)) {
    throw new UsageError(
      tenant === undefined
        ? 'No tenant: pass -c tenant=<name>, e.g. cdk synth -c tenant=demo'
        : `Tenant "${String(tenant)}" must match ${TENANT} (lowercase letters, digits and hyphens, starting with a letter)`,
    );
  }
  const stack = new PayeeStack(app, `Payee-${tenant}`, { ...options.stack, tenant });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}

/** Synthesizes one tenant's app in-process; the template is `assembly.getStackByName(stackName)`. */
export function synthApp(options: PayeeAppOptions & { readonly tenant: string }): {
  assembly: CloudAssembly;
  stackName: string;
} {
  const { app, stack } = buildApp(options);
  return { assembly: app.synth(), stackName: stack.stackName };
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}
