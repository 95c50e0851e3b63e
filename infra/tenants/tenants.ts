import { readFileSync } from 'node:fs';
import { Period } from 'aws-cdk-lib/aws-apigateway';
import * as z from 'zod/mini';
import type { PayeeStackProps } from '../stacks/payee-stack.ts';
import { tenantsFileSchema, type Tenant } from './tenants-schema.ts';

/** A wrong invocation or tenants file: worth a one-line message, not a stack trace. */
export class UsageError extends Error {}

/** The tenants file the CDK app reads unless `-c tenants=<file>` names another. */
export const TENANTS_FILE = new URL('../../tenants.json', import.meta.url);

/**
 * Reads and validates a tenants file. Every problem is reported as `<file>: <path>: <message>`,
 * e.g. `tenants.json: tenants[1].region: must be an AWS region such as eu-west-1`.
 */
export function loadTenants(file: string | URL = TENANTS_FILE): Tenant[] {
  const label = typeof file === 'string' ? file : file.pathname.split('/').pop()!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${label}: no such file; list the tenants there (see README "Onboarding a tenant"), or pass -c tenant=local for the local stack`
        : `${label}: cannot read it (${code ?? String(error)})`,
    );
  }
  return parseTenants(text, label);
}

/** Validates the text of a tenants file; `label` names the file in error messages. */
export function parseTenants(text: string, label: string): Tenant[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: not valid JSON (${(error as Error).message})`);
  }
  // zod/mini carries no messages of its own: English ones for this parse only, not set globally.
  const result = tenantsFileSchema.safeParse(json, { error: z.locales.en().localeError });
  if (!result.success) {
    const where = (path: PropertyKey[]) => (path.length > 0 ? `: ${z.core.toDotPath(path)}` : '');
    throw new UsageError(result.error.issues.map((issue) => `${label}${where(issue.path)}: ${issue.message}`).join('\n'));
  }
  return result.data.tenants;
}

/** The stack of one tenant of the file: deployed to its account and region, with its settings. */
export function tenantStackProps(tenant: Tenant): PayeeStackProps {
  return {
    tenant: tenant.name,
    env: { account: tenant.account, region: tenant.region },
    tiers:
      tenant.tiers &&
      Object.fromEntries(
        Object.entries(tenant.tiers).map(([name, tier]) => [name, { ...tier, quota: { limit: tier.quota.limit, period: Period[tier.quota.period] } }]),
      ),
    alarmEmail: tenant.alarmEmail,
    customDomain: tenant.customDomain,
    plugins: tenant.plugins,
  };
}
