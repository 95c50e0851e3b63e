/**
 * The tenants file (`tenants.json` at the repository root): one entry per tenant, each deployed as
 * its own stack `Payee-<name>` in its own account and region.
 */
import * as z from 'zod/mini';
import { TIER_NAME } from '../constructs/payment-api.ts';
import { PLUGINS } from '../../plugins/index.ts';

/** A tenant's name: part of the stack name, the API name, usage plan names and the dashboard name. */
export const TENANT_NAME = /^[a-z][a-z0-9-]{1,30}$/;

/** The local stack's tenant (infra/local/local-stack.ts): built without the tenants file, so no entry may take its name. */
export const LOCAL_TENANT = 'local';

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** An ACM certificate: `arn:<partition>:acm:<region>:<account>:certificate/<id>`. */
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]+$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const positiveInt = () => z.int().check(z.positive());

const tier = z.strictObject({
  /** Steady-state requests per second. */
  rateLimit: z.number().check(z.positive()),
  burstLimit: positiveInt(),
  quota: z.strictObject({ limit: positiveInt(), period: z.enum(['DAY', 'WEEK', 'MONTH']) }),
});

const customDomain = z
  .strictObject({
    domainName: z.string().check(z.regex(DOMAIN_NAME, 'must be a lowercase DNS name such as pay.example.com')),
    certificateArn: z.string().check(z.regex(CERTIFICATE_ARN, 'must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)')),
    /** Given with hostedZoneName: the stack adds an alias A record for domainName in that Route 53 zone. */
    hostedZoneId: z.optional(z.string().check(z.regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ'))),
    hostedZoneName: z.optional(z.string().check(z.regex(DOMAIN_NAME, 'must be a lowercase DNS name such as example.com'))),
  })
  .check(
    z.superRefine((domain, ctx) => {
      if ((domain.hostedZoneId === undefined) !== (domain.hostedZoneName === undefined)) {
        const [missing, given] = domain.hostedZoneId === undefined ? ['hostedZoneId', 'hostedZoneName'] : ['hostedZoneName', 'hostedZoneId'];
        ctx.addIssue({ code: 'custom', path: [missing], message: `is required with ${given} (give both or neither)`, input: domain });
      } else if (domain.hostedZoneName && DOMAIN_NAME.test(domain.domainName) && domain.domainName !== domain.hostedZoneName && !domain.domainName.endsWith(`.${domain.hostedZoneName}`)) {
        ctx.addIssue({ code: 'custom', path: ['hostedZoneName'], message: `must be ${domain.domainName} or one of its parent domains`, input: domain });
      }
    }),
  );

const pluginsSettings = z.record(z.string(), z.unknown()).check(
  z.superRefine((plugins, ctx) => {
    for (const [name, settings] of Object.entries(plugins)) {
      const manifest = PLUGINS[name];
      if (!manifest) {
        ctx.addIssue({ code: 'custom', path: [name], message: `no such plugin (known: ${Object.keys(PLUGINS).join(', ')})`, input: plugins });
        continue;
      }
      // English messages, as parseTenants asks of the file's own parse.
      const parsed = manifest.settings.safeParse(settings, { error: z.locales.en().localeError });
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        ctx.addIssue({ code: 'custom', path: [name, ...issue.path], message: issue.message, input: settings });
      }
    }
  }),
);

const tenant = z
  .strictObject({
    name: z
      .string()
      .check(
        z.regex(TENANT_NAME, `must match ${TENANT_NAME} (lowercase letters, digits and hyphens, starting with a letter)`),
        z.refine((name) => name !== LOCAL_TENANT, `"${LOCAL_TENANT}" is the local stack's tenant`),
      ),
    account: z.string().check(z.regex(ACCOUNT, 'must be a 12-digit AWS account id, as a string')),
    region: z.string().check(z.regex(REGION, 'must be an AWS region such as eu-west-1')),
    /** Usage-plan tiers by name; each merchant's API key is put in one. @default DEFAULT_TIERS */
    tiers: z.optional(
      z.record(z.string(), tier).check(
        z.refine((tiers) => Object.keys(tiers).length > 0, 'must name at least one tier (omit it for the default tiers)'),
        // Checked here rather than by a key schema, whose failure zod reports without the key's own message.
        z.superRefine((tiers, ctx) => {
          for (const name of Object.keys(tiers).filter((name) => !TIER_NAME.test(name))) {
            ctx.addIssue({ code: 'custom', path: [name], message: `tier names must match ${TIER_NAME} (lowercase letters and digits)`, input: tiers });
          }
        }),
      ),
    ),
    /** Subscribed to the alarm topic; the address must confirm the subscription. */
    alarmEmail: z.optional(z.email('must be an e-mail address')),
    /** Serves the API's live stage at https://<domainName>/ besides its execute-api URL. */
    customDomain: z.optional(customDomain),
    /** Plugins enabled, by name (plugins/<name>/, `npx payee plugins list`), each with its settings, checked against its manifest. */
    plugins: z.optional(pluginsSettings),
  })
  .check(
    z.superRefine((t, ctx) => {
      const arn = t.customDomain && CERTIFICATE_ARN.exec(t.customDomain.certificateArn);
      // The API has a REGIONAL endpoint: API Gateway takes a certificate of its own account and region only.
      // (Refinements run after failed format checks too: a bad account or region is reported once, as itself.)
      if (arn && ACCOUNT.test(t.account) && REGION.test(t.region) && (arn[1] !== t.region || arn[2] !== t.account)) {
        ctx.addIssue({
          code: 'custom',
          path: ['customDomain', 'certificateArn'],
          message: `must be a certificate in the tenant's account ${t.account} and region ${t.region} (the API's endpoint is regional)`,
          input: t,
        });
      }
    }),
  );

export const tenantsFileSchema = z.strictObject({
  tenants: z.array(tenant).check(
    z.minLength(1, 'must list at least one tenant'),
    z.superRefine((tenants, ctx) => {
      const seen = { name: new Set<string>(), domainName: new Set<string>() };
      tenants.forEach((t, i) => {
        if (seen.name.has(t.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${t.name}" is taken by an earlier tenant`, input: t });
        seen.name.add(t.name);
        const domainName = t.customDomain?.domainName;
        if (domainName && seen.domainName.has(domainName)) {
          ctx.addIssue({ code: 'custom', path: [i, 'customDomain', 'domainName'], message: `${domainName} is taken by an earlier tenant`, input: t });
        }
        if (domainName) seen.domainName.add(domainName);
      });
    }),
  ),
});

export type TenantsFile = z.output<typeof tenantsFileSchema>;
export type Tenant = TenantsFile['tenants'][number];
