import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { ASSET_RESOURCE_METADATA_ENABLED_CONTEXT, PATH_METADATA_ENABLE_CONTEXT, type CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LOCAL_TENANT, TENANT_NAME } from '../tenants/tenants-schema.ts';
import { loadTenants, tenantStackProps, TENANTS_FILE, UsageError } from '../tenants/tenants.ts';
import { PayeeStack, type PayeeStackProps } from './payee-stack.ts';

export { UsageError };

export interface PayeeAppOptions {
  /** @default the `tenant` context value (`cdk synth -c tenant=demo`) */
  readonly tenant?: string;
  /** Cloud assembly directory. @default the CLI's (`cdk.out`), else a new temporary directory */
  readonly outdir?: string;
  readonly stack?: Omit<PayeeStackProps, 'tenant'>;
}

/**
 * The CDK app with one tenant's stack `Payee-<tenant>` built from `options` alone (no tenants
 * file): the local stack's app and the stack tests', checked by cdk-nag.
 */
export function buildApp(options: PayeeAppOptions = {}): { app: App; stack: PayeeStack } {
  const app = newApp(options.outdir);
  const tenant = options.tenant ?? app.node.tryGetContext('tenant');
  if (typeof tenant !== 'string' || !TENANT_NAME.test(tenant)) {
    throw new UsageError(
      tenant === undefined
        ? 'No tenant: pass -c tenant=<name>, e.g. cdk synth -c tenant=demo'
        : `Tenant "${String(tenant)}" must match ${TENANT_NAME} (lowercase letters, digits and hyphens, starting with a letter)`,
    );
  }
  const stack = new PayeeStack(app, `Payee-${tenant}`, { ...options.stack, tenant });
  checkWithNag(app);
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

export interface TenantsAppOptions {
  /** @default the `tenants` context value (`-c tenants=<file>`, relative to the working directory), else TENANTS_FILE */
  readonly tenantsFile?: string | URL;
  /** Only this tenant's stack. @default the `tenant` context value, else every tenant of the file */
  readonly tenant?: string;
  /** Cloud assembly directory. @default as for buildApp */
  readonly outdir?: string;
}

/**
 * The deployable CDK app (`infra/bin/app.ts`): one stack `Payee-<name>` per tenant of the tenants
 * file, each in the tenant's account and region, or only the tenant `-c tenant=<name>` selects.
 * `-c tenant=local` is the local stack's, built as buildApp builds it, without the file.
 */
export function buildTenantsApp(options: TenantsAppOptions = {}): { app: App; stacks: PayeeStack[] } {
  const app = newApp(options.outdir);
  const selected: unknown = options.tenant ?? app.node.tryGetContext('tenant');
  let stacks: PayeeStack[];
  if (selected === LOCAL_TENANT) {
    stacks = [new PayeeStack(app, `Payee-${LOCAL_TENANT}`, { tenant: LOCAL_TENANT })];
  } else {
    const file = options.tenantsFile ?? (app.node.tryGetContext('tenants') as string | undefined) ?? TENANTS_FILE;
    const tenants = loadTenants(file);
    const chosen = selected === undefined ? tenants : tenants.filter((t) => t.name === selected);
    if (chosen.length === 0) {
      throw new UsageError(`Tenant "${String(selected)}" is not in the tenants file, which lists ${tenants.map((t) => t.name).join(', ')}`);
    }
    stacks = chosen.map((tenant) => new PayeeStack(app, `Payee-${tenant.name}`, tenantStackProps(tenant)));
  }
  checkWithNag(app);
  return { app, stacks };
}

/**
 * In-process callers (tests, the local stack) get the feature flags of `cdk.json` and the
 * metadata the CLI asks for (`aws:asset:path`, `aws:cdk:path`), so they synthesize the same
 * templates as `cdk synth`.
 */
export function newApp(outdir: string | undefined): App {
  return new App({
    outdir,
    context: { ...cdkJsonContext(), [ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true, [PATH_METADATA_ENABLE_CONTEXT]: true },
  });
}

/** cdk-nag's AwsSolutions pack runs at synthesis: errors fail it; every finding lands in the assembly's `validation-report.json`. */
export function checkWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}
