import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../tenants/tenants-schema.ts';
import { loadTenants, parseTenants } from '../tenants/tenants.ts';
import { buildTenantsApp, UsageError } from './app.ts';
import { DEFAULT_TIERS } from './payee-stack.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Template = { Resources: Record<string, Resource>; Outputs: Record<string, { Value: unknown }> };

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
/** The project's Node 22 and CLIs first, as `npm run` would put them. */
const env = { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH}`, CDK_DISABLE_CLI_TELEMETRY: 'true' };

const tmp = mkdtempSync(path.join(tmpdir(), 'payee-tenants-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A valid file to break one field of at a time (the shipped tenants.json is tested as it is below). */
const goodFile = () => ({
  tenants: [
    { name: 'acme', account: '111111111111', region: 'eu-west-1' },
    {
      name: 'globex',
      account: '222222222222',
      region: 'ap-southeast-1',
      tiers: { starter: { rateLimit: 5, burstLimit: 10, quota: { limit: 1000, period: 'DAY' } } },
      alarmEmail: 'ops@globex.example',
      customDomain: {
        domainName: 'api.globex.example',
        certificateArn: 'arn:aws:acm:ap-southeast-1:222222222222:certificate/0123abcd-0000-4000-8000-000000000000',
        hostedZoneId: 'Z0EXAMPLE0000002',
        hostedZoneName: 'globex.example',
      },
    },
  ],
});
type FileJson = ReturnType<typeof goodFile>;
const parse = (file: unknown) => parseTenants(JSON.stringify(file), 'tenants.json');

describe('tenants file', () => {
  it('reads a valid file as it is, defaults left to the stack', () => {
    expect(parse(goodFile())).toEqual(goodFile().tenants);
  });

  it('ships tenants.json with two example tenants that show each setting both ways', () => {
    const [a, b, ...more] = loadTenants();
    expect(more).toEqual([]);
    const differ = (pick: (t: Tenant) => unknown) => [pick(a!), pick(b!)].filter((v) => v !== undefined).length === 1;
    expect([a!.account, a!.region]).not.toEqual([b!.account, b!.region]);
    expect(differ((t) => t.tiers)).toBe(true);
    expect(differ((t) => t.alarmEmail)).toBe(true);
    expect(differ((t) => t.customDomain)).toBe(true);
    for (const t of [a!, b!]) expect(t.account).toMatch(/^(\d)\1{11}$/); // example accounts, e.g. 111111111111
  });

  const globex = (change: (t: any) => void) => (file: FileJson) => change(file.tenants[1]);
  it.each<[string, string, (file: FileJson) => void]>([
    ['tenants: must list at least one tenant', 'no tenants', (f) => void f.tenants.splice(0)],
    ['tenants[1].name: must match', 'an upper-case name', globex((t) => (t.name = 'Globex'))],
    ['tenants[1].name: "acme" is taken by an earlier tenant', 'a name twice', globex((t) => (t.name = 'acme'))],
    ['tenants[1].name: "local" is the local stack\'s tenant', 'the local tenant', globex((t) => (t.name = 'local'))],
    ['tenants[1].account: must be a 12-digit AWS account id', 'a short account', globex((t) => (t.account = '2222'))],
    ['tenants[1].account: Invalid input: expected string, received number', 'an account as a number', globex((t) => (t.account = 222222222222))],
    ['tenants[1].region: must be an AWS region', 'a bad region', globex((t) => (t.region = 'Singapore'))],
    ['tenants[1].region: Invalid input: expected string, received undefined', 'no region', globex((t) => delete t.region)],
    ['tenants[1]: Unrecognized key: "alarmEmial"', 'a misspelt key', globex((t) => (t.alarmEmial = t.alarmEmail))],
    ['tenants[1].tiers: must name at least one tier', 'empty tiers', globex((t) => (t.tiers = {}))],
    ['tenants[1].tiers.Gold: tier names must match', 'a bad tier name', globex((t) => (t.tiers = { Gold: t.tiers.starter }))],
    ['tenants[1].tiers.starter.rateLimit: Too small', 'a zero rate', globex((t) => (t.tiers.starter.rateLimit = 0))],
    ['tenants[1].tiers.starter.burstLimit: Invalid input: expected int', 'a fractional burst', globex((t) => (t.tiers.starter.burstLimit = 1.5))],
    ['tenants[1].tiers.starter.quota.period: Invalid option', 'a yearly quota', globex((t) => (t.tiers.starter.quota.period = 'YEAR'))],
    ['tenants[1].alarmEmail: must be an e-mail address', 'a bad e-mail', globex((t) => (t.alarmEmail = 'ops'))],
    ['tenants[1].customDomain.domainName: must be a lowercase DNS name', 'a bad domain', globex((t) => (t.customDomain.domainName = 'API.globex'))],
    ['tenants[1].customDomain.certificateArn: must be an ACM certificate ARN', 'not a certificate', globex((t) => (t.customDomain.certificateArn = 'arn:aws:iam::222222222222:role/x'))],
    [
      "tenants[1].customDomain.certificateArn: must be a certificate in the tenant's account 222222222222 and region ap-southeast-1",
      'a certificate of us-east-1 (for edge endpoints)',
      globex((t) => (t.customDomain.certificateArn = t.customDomain.certificateArn.replace('ap-southeast-1', 'us-east-1'))),
    ],
    [
      "tenants[1].customDomain.certificateArn: must be a certificate in the tenant's account",
      "another account's certificate",
      globex((t) => (t.customDomain.certificateArn = t.customDomain.certificateArn.replace('222222222222', '333333333333'))),
    ],
    ['tenants[1].customDomain.hostedZoneName: is required with hostedZoneId', 'a zone id alone', globex((t) => delete t.customDomain.hostedZoneName)],
    ['tenants[1].customDomain.hostedZoneName: must be api.globex.example or one of its parent domains', 'an unrelated zone', globex((t) => (t.customDomain.hostedZoneName = 'globex.example.org'))],
    [
      'tenants[1].customDomain.domainName: api.globex.example is taken by an earlier tenant',
      'a domain twice',
      (f) => void Object.assign(f.tenants[0]!, { customDomain: { ...f.tenants[1]!.customDomain, certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/0123abcd' } }),
    ],
  ])('names %s (%s)', (expected, _case, change) => {
    const file = goodFile();
    change(file);
    let message = '';
    try {
      parse(file);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    // One line: the one field that is wrong, after the file's name.
    const lines = message.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.slice(0, `tenants.json: ${expected}`.length)).toBe(`tenants.json: ${expected}`);
  });

  it('refuses text that is not JSON and a file that is missing, naming the file', () => {
    expect(() => parseTenants('{"tenants": [', 'tenants.json')).toThrow(/^tenants\.json: not valid JSON/);
    const missing = path.join(tmp, 'none.json');
    expect(() => loadTenants(missing)).toThrow(`${missing}: no such file`);
  });

  it('makes bin/app.ts say what is wrong in one line per problem, exit 2, without a stack trace', async () => {
    const file = goodFile();
    file.tenants[0]!.region = 'europe';
    file.tenants[1]!.alarmEmail = 'ops';
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify(file));
    const result = await run('tsx', ['infra/bin/app.ts'], {
      cwd: REPO_ROOT,
      env: { ...env, CDK_CONTEXT_JSON: JSON.stringify({ tenants: bad }), CDK_OUTDIR: path.join(tmp, 'never') },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr.trim().split('\n')).toEqual([
      `${bad}: tenants[0].region: must be an AWS region such as eu-west-1`,
      `${bad}: tenants[1].alarmEmail: must be an e-mail address`,
    ]);
  });
});

describe('one stack per tenant', () => {
  const shipped = loadTenants();
  let stacks: { stackName: string; templateFile: string; template: Template }[];
  let environments: { name: string; env: unknown }[];
  let cli: Promise<unknown>;
  const cliOut = path.join(tmp, 'cli.out');
  // One assembly directory for every app of this file: CDK reuses a bundle within the process only for the same directory.
  const outdir = path.join(tmp, 'app.out');
  const template = (tenant: Tenant): Template => stacks.find((s) => s.stackName === `Payee-${tenant.name}`)!.template;
  const ofType = (t: Template, type: string) => Object.values(t.Resources).filter((r) => r.Type === type);

  beforeAll(() => {
    // The CLI runs in its own process meanwhile: both bundle every function, which is most of the time.
    cli = run('cdk', ['synth', '--all', '-q', '-o', cliOut], { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    cli.catch(() => undefined); // awaited by its test
    const assembly = buildTenantsApp({ outdir }).app.synth();
    // Read now: later apps of this file write to the same directory.
    stacks = assembly.stacks.map(({ stackName, templateFile, template }) => ({ stackName, templateFile, template }));
    environments = assembly.stacks.map((s) => ({ name: s.stackName, env: s.environment }));
  }, 240_000);

  it('has stack Payee-<name> for each tenant, in its account and region', () => {
    expect(environments).toEqual(
      shipped.map((t) => ({ name: `Payee-${t.name}`, env: expect.objectContaining({ account: t.account, region: t.region }) })),
    );
  });

  it.each(shipped.map((t) => [t.name, t] as const))('%s: one usage plan per tier of its own, or the default tiers', (_name, tenant) => {
    const tiers = tenant.tiers ?? DEFAULT_TIERS;
    const plans = ofType(template(tenant), 'AWS::ApiGateway::UsagePlan').map((r) => r.Properties);
    expect(plans).toHaveLength(Object.keys(tiers).length);
    for (const [tier, { rateLimit, burstLimit, quota }] of Object.entries(tiers)) {
      expect(plans).toContainEqual(
        expect.objectContaining({
          UsagePlanName: `${tenant.name}-${tier}`,
          Throttle: { RateLimit: rateLimit, BurstLimit: burstLimit },
          Quota: { Limit: quota.limit, Period: quota.period },
        }),
      );
    }
    const outputs = Object.keys(template(tenant).Outputs).filter((o) => o.startsWith('UsagePlanId'));
    expect(outputs.sort()).toEqual(Object.keys(tiers).map((tier) => `UsagePlanId${tier.charAt(0).toUpperCase()}${tier.slice(1)}`).sort());
  });

  it.each(shipped.map((t) => [t.name, t] as const))('%s: an e-mail subscription to the alarm topic only when it names an address', (_name, tenant) => {
    const subscriptions = ofType(template(tenant), 'AWS::SNS::Subscription').map((r) => r.Properties);
    expect(subscriptions).toEqual(tenant.alarmEmail ? [expect.objectContaining({ Protocol: 'email', Endpoint: tenant.alarmEmail })] : []);
  });

  it.each(shipped.map((t) => [t.name, t] as const))('%s: the custom domain only when it has one', (_name, tenant) => {
    expectCustomDomain(template(tenant), tenant);
  });

  it('a custom domain without a hosted zone: no DNS record, its target as an output instead', () => {
    const tenant: Tenant = {
      name: 'initech',
      account: '333333333333',
      region: 'us-west-2',
      customDomain: { domainName: 'payments.initech.example', certificateArn: 'arn:aws:acm:us-west-2:333333333333:certificate/0123abcd-0000-4000-8000-000000000003' },
    };
    const file = path.join(tmp, 'initech.json');
    writeFileSync(file, JSON.stringify({ tenants: [tenant] }));
    const { app } = buildTenantsApp({ tenantsFile: file, outdir });
    expectCustomDomain(app.synth().getStackByName('Payee-initech').template, tenant);
  });

  function expectCustomDomain(t: Template, tenant: Tenant) {
    const domains = Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::ApiGateway::DomainName');
    const mappings = ofType(t, 'AWS::ApiGateway::BasePathMapping').map((r) => r.Properties);
    const records = ofType(t, 'AWS::Route53::RecordSet').map((r) => r.Properties);
    expect(t.Outputs.ApiUrl).toBeDefined();
    if (!tenant.customDomain) {
      expect([domains, mappings, records]).toEqual([[], [], []]);
      expect(Object.keys(t.Outputs).filter((o) => o.startsWith('CustomDomain'))).toEqual([]);
      return;
    }
    const { domainName, certificateArn, hostedZoneId } = tenant.customDomain;
    expect(domains.map(([, r]) => r.Properties)).toEqual([
      { DomainName: domainName, RegionalCertificateArn: certificateArn, EndpointConfiguration: { Types: ['REGIONAL'] }, SecurityPolicy: 'TLS_1_2' },
    ]);
    const [domainId] = domains[0]!;
    const [restApiId] = Object.entries(t.Resources).find(([, r]) => r.Type === 'AWS::ApiGateway::RestApi')!;
    const [stageId] = Object.entries(t.Resources).find(([, r]) => r.Type === 'AWS::ApiGateway::Stage' && r.Properties.StageName === 'live')!;
    // No base path: https://<domainName>/v1/... is the live stage's /v1/...
    expect(mappings).toEqual([{ DomainName: { Ref: domainId }, RestApiId: { Ref: restApiId }, Stage: { Ref: stageId } }]);
    expect(t.Outputs.CustomDomainUrl?.Value).toBe(`https://${domainName}/`);
    if (hostedZoneId) {
      expect(records).toEqual([
        expect.objectContaining({
          HostedZoneId: hostedZoneId,
          Name: `${domainName}.`,
          Type: 'A',
          AliasTarget: {
            DNSName: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] },
            HostedZoneId: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] },
          },
        }),
      ]);
      expect(t.Outputs.CustomDomainTarget).toBeUndefined();
    } else {
      expect(records).toEqual([]);
      expect(t.Outputs.CustomDomainTarget?.Value).toEqual({ 'Fn::GetAtt': [domainId, 'RegionalDomainName'] });
    }
  }

  it('synthesizes the same templates through the CDK CLI (cdk synth --all)', async () => {
    await cli;
    expect(readdirSync(cliOut).filter((f) => f.endsWith('.template.json')).sort()).toEqual(stacks.map((s) => s.templateFile).sort());
    for (const stack of stacks) {
      const fromCli = JSON.parse(readFileSync(path.join(cliOut, stack.templateFile), 'utf8'));
      // The CLI turns on version reporting (the CDKMetadata resource), which in-process apps leave off.
      delete fromCli.Resources.CDKMetadata;
      expect(fromCli, stack.stackName).toEqual(stack.template);
    }
  }, 240_000);

  it('selects one tenant with -c tenant=<name>, and builds the local stack without the file', () => {
    const selected = buildTenantsApp({ tenant: shipped[1]!.name, outdir });
    expect(selected.stacks.map((s) => [s.stackName, s.account, s.region])).toEqual([[`Payee-${shipped[1]!.name}`, shipped[1]!.account, shipped[1]!.region]]);
    const local = buildTenantsApp({ tenant: 'local', tenantsFile: path.join(tmp, 'none.json'), outdir });
    expect(local.stacks.map((s) => s.stackName)).toEqual(['Payee-local']);
    expect(() => buildTenantsApp({ tenant: 'initech', outdir })).toThrow(
      new UsageError(`Tenant "initech" is not in the tenants file, which lists ${shipped.map((t) => t.name).join(', ')}`),
    );
  });
});
