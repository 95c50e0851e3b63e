/** `payee admin <resource> <verb>`: one command per admin API route, with its help and its table. */
import { readFileSync } from 'node:fs';
import { keyValues, UsageError, type OptionSpecs, type ParsedArgs } from './args.ts';
import { record, table, type Column } from './output.ts';

/** Calls the admin API (signed); the reply's body. */
export type Api = (method: string, path: string, body?: unknown) => Promise<any>;

export interface Output {
  /** What --json prints. */
  json: unknown;
  /** What people see. */
  text: string;
}

export interface Command {
  summary: string;
  /** `<required>` and `[optional]` positionals, in order. */
  args: string[];
  options?: OptionSpecs;
  examples?: string[];
  run(api: Api, args: ParsedArgs): Promise<Output>;
}

export interface Resource {
  summary: string;
  commands: Record<string, Command>;
}

const seg = encodeURIComponent;
const list = <T>(body: { data: T[] }, columns: Column<T>[], empty?: string): Output => ({ json: body, text: table(body.data, columns, empty) });
const one = (body: Record<string, unknown>): Output => ({ json: body, text: record(body) });
/** A reply carrying a company's notify secret: no later read shows it, so people are told to keep it. */
const withNotifySecret = (body: Record<string, unknown>, companyId: string): Output => ({
  json: body,
  text: `${record(body)}\n\nStore the notifySecret now: it is shown only this once. It signs the company's notifications; \`payee admin notify-secret rotate ${companyId}\` replaces a lost one.`,
});

const templateColumns: Column<any>[] = [
  { header: 'CHANNEL', value: (t) => t.channel },
  { header: 'MODE', value: (t) => t.mode },
  { header: 'SECRET FIELDS', value: (t) => t.secretFields },
  { header: 'TITLE', value: (t) => t.title },
];
const companyColumns: Column<any>[] = [
  { header: 'COMPANY ID', value: (c) => c.companyId },
  { header: 'NAME', value: (c) => c.name },
  { header: 'PARENT', value: (c) => c.parentId },
  { header: 'CREATED', value: (c) => c.createdAt },
];
const sceneColumns: Column<any>[] = [
  { header: 'CODE', value: (s) => s.code },
  { header: 'METHODS', value: (s) => Object.entries(s.methods ?? {}).map(([m, p]) => `${m}=${p}`).join(' ') },
  { header: 'DESCRIPTION', value: (s) => s.description },
  { header: 'UPDATED', value: (s) => s.updatedAt },
];
const configColumns: Column<any>[] = [
  { header: 'PAY ID', value: (c) => c.payId },
  { header: 'CHANNEL', value: (c) => c.channel },
  { header: 'MODE', value: (c) => c.mode },
  { header: 'STATUS', value: (c) => c.status },
  { header: 'UPDATED', value: (c) => c.updatedAt },
];
const keyColumns: Column<any>[] = [
  { header: 'API KEY ID', value: (k) => k.apiKeyId },
  { header: 'TIER', value: (k) => k.tier },
  { header: 'STATUS', value: (k) => k.status },
  { header: 'NAME', value: (k) => k.name },
  { header: 'CREATED', value: (k) => k.createdAt },
  { header: 'EXPIRES', value: (k) => k.expiresAt },
];

/** The template's schema as a field list: what `templates show` prints. */
function templateText(t: any): string {
  const properties: Record<string, any> = t.schema?.properties ?? {};
  const fields = Object.entries(properties).map(([name, s]) => ({
    name,
    type: s.type ?? (s.const !== undefined ? JSON.stringify(s.const) : s.enum ? s.enum.join('|') : 'any'),
    required: (t.required ?? []).includes(name) ? 'yes' : '',
    secret: s['x-secret'] ? 'secret' : '',
    description: s.description,
  }));
  return `${t.title} (${t.channel}/${t.mode}, version ${t.version})\n\n${table(fields, [
    { header: 'FIELD', value: (f) => f.name },
    { header: 'TYPE', value: (f) => f.type },
    { header: 'REQUIRED', value: (f) => f.required },
    { header: 'SECRET', value: (f) => f.secret },
    { header: 'DESCRIPTION', value: (f) => f.description },
  ])}`;
}

const configOptions: OptionSpecs = {
  file: { type: 'string', placeholder: 'config.json', description: 'The config as a JSON object' },
  set: { type: 'string', multiple: true, placeholder: 'field=value', description: 'A field; `field=@file` reads the value from a file (PEM keys). Repeatable, applied over --file' },
};

/** --file and --set → the config object; neither: a usage error. */
function configFrom(options: ParsedArgs['options'], base: Record<string, unknown> = {}): Record<string, unknown> {
  let config = { ...base };
  if (typeof options.file === 'string') {
    const parsed = JSON.parse(readFile(options.file));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${options.file} must hold a JSON object`);
    config = { ...config, ...parsed };
  }
  for (const [field, value] of Object.entries(keyValues((options.set as string[] | undefined) ?? [], 'set'))) {
    config[field] = value.startsWith('@') ? readFile(value.slice(1)) : value;
  }
  return config;
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

const need = (args: ParsedArgs, option: string): string => {
  const value = args.options[option];
  if (typeof value !== 'string') throw new UsageError(`--${option} is required`);
  return value;
};

export const resources: Record<string, Resource> = {
  templates: {
    summary: 'Pay config templates: the fields each channel and mode needs',
    commands: {
      list: { summary: 'List the templates', args: [], run: async (api) => list(await api('GET', '/v1/admin/templates'), templateColumns) },
      show: {
        summary: "A template's fields (required, secret)",
        args: ['<channel>', '[mode]'],
        examples: ['payee admin templates show wechat partner'],
        run: async (api, { positionals: [channel, mode = 'direct'] }) => {
          const t = await api('GET', `/v1/admin/templates/${seg(channel!)}/${seg(mode)}`);
          return { json: t, text: templateText(t) };
        },
      },
    },
  },
  companies: {
    summary: 'Merchant companies and their tree',
    commands: {
      create: {
        summary: 'Create a company (a root one, or a child of --parent); its notify secret is shown once',
        args: [],
        options: {
          name: { type: 'string', placeholder: 'name', description: 'Display name (required)' },
          parent: { type: 'string', placeholder: 'companyId', description: 'The parent company' },
        },
        examples: ['payee admin companies create --name "Acme Retail"', 'payee admin companies create --name "Acme Shanghai" --parent C01J...'],
        run: async (api, args) => {
          const company = await api('POST', '/v1/admin/companies', { name: need(args, 'name'), ...(args.options.parent ? { parentId: args.options.parent } : {}) });
          return withNotifySecret(company, company.companyId);
        },
      },
      show: { summary: 'Show a company', args: ['<companyId>'], run: async (api, { positionals: [id] }) => one(await api('GET', `/v1/admin/companies/${seg(id!)}`)) },
      children: {
        summary: "List a company's direct children",
        args: ['<companyId>'],
        run: async (api, { positionals: [id] }) => list(await api('GET', `/v1/admin/companies/${seg(id!)}/children`), companyColumns),
      },
      ledger: {
        summary: "Switch a company's ledger on or off (its detail lines post flows between its /v1/accounts)",
        args: ['<companyId>', '<on|off>'],
        examples: ['payee admin companies ledger C01J... on'],
        run: async (api, { positionals: [id, state] }) => {
          if (state !== 'on' && state !== 'off') throw new UsageError('the second argument must be on or off');
          return one(await api('PUT', `/v1/admin/companies/${seg(id!)}/ledger`, { enabled: state === 'on' }));
        },
      },
    },
  },
  'notify-secret': {
    summary: "A company's notification signing secret",
    commands: {
      rotate: {
        summary: 'Make a new secret (shown once); notifications are signed with it from now on',
        args: ['<companyId>'],
        run: async (api, { positionals: [id] }) => withNotifySecret(await api('POST', `/v1/admin/companies/${seg(id!)}/notify-secret/rotate`), id!),
      },
    },
  },
  scenes: {
    summary: 'Scenes: which pay config each payment method uses where a company sells',
    commands: {
      put: {
        summary: 'Create or replace a scene',
        args: ['<companyId>', '<code>'],
        options: {
          method: { type: 'string', multiple: true, placeholder: 'method=payId', description: 'A method and its pay config (repeatable, at least one)' },
          description: { type: 'string', placeholder: 'text', description: 'What the scene is' },
        },
        examples: ['payee admin scenes put C01J... web --method alipay.page=cfg_01J... --method wechat.native=cfg_01J...'],
        run: async (api, args) => {
          const [companyId, code] = args.positionals;
          const methods = keyValues((args.options.method as string[] | undefined) ?? [], 'method');
          if (Object.keys(methods).length === 0) throw new UsageError('--method is required (method=payId)');
          const body = { methods, ...(args.options.description ? { description: args.options.description } : {}) };
          return one(await api('PUT', `/v1/admin/companies/${seg(companyId!)}/scenes/${seg(code!)}`, body));
        },
      },
      list: {
        summary: "List a company's scenes",
        args: ['<companyId>'],
        run: async (api, { positionals: [id] }) => list(await api('GET', `/v1/admin/companies/${seg(id!)}/scenes`), sceneColumns),
      },
      show: {
        summary: 'Show a scene',
        args: ['<companyId>', '<code>'],
        run: async (api, { positionals: [id, code] }) => one(await api('GET', `/v1/admin/companies/${seg(id!)}/scenes/${seg(code!)}`)),
      },
      delete: {
        summary: 'Delete a scene',
        args: ['<companyId>', '<code>'],
        run: async (api, { positionals: [id, code] }) => {
          await api('DELETE', `/v1/admin/companies/${seg(id!)}/scenes/${seg(code!)}`);
          return { json: { companyId: id, code, deleted: true }, text: `deleted scene ${code} of ${id}` };
        },
      },
    },
  },
  configs: {
    summary: 'Pay configs: a company\'s credentials at a provider (secrets never shown)',
    commands: {
      create: {
        summary: "Create a pay config, checked against the channel's template",
        args: ['<companyId>'],
        options: {
          channel: { type: 'string', placeholder: 'channel', description: 'alipay, wechat, unionpay or paypal (required)' },
          mode: { type: 'string', placeholder: 'mode', description: 'direct (default), isv, partner: see `templates list`' },
          ...configOptions,
        },
        examples: [
          'payee admin configs create C01J... --channel alipay --set appId=2021000000000001 --set sellerId=2088000000000001 \\\n      --set privateKey=@app-private-key.pem --set alipayPublicKey=@alipay-public-key.pem',
          'payee admin configs create C01J... --channel wechat --mode partner --file wechat.json',
        ],
        run: async (api, args) => {
          const [companyId] = args.positionals;
          const body = { channel: need(args, 'channel'), ...(args.options.mode ? { mode: args.options.mode } : {}), config: configFrom(args.options) };
          return one(await api('POST', `/v1/admin/companies/${seg(companyId!)}/pay-configs`, body));
        },
      },
      list: {
        summary: "List a company's pay configs (disabled ones too)",
        args: ['<companyId>'],
        run: async (api, { positionals: [id] }) => list(await api('GET', `/v1/admin/companies/${seg(id!)}/pay-configs`), configColumns),
      },
      show: { summary: 'Show a pay config (secrets as {"hasValue":true})', args: ['<payId>'], run: async (api, { positionals: [id] }) => one(await api('GET', `/v1/admin/pay-configs/${seg(id!)}`)) },
      replace: {
        summary: 'Replace a pay config: --set changes fields of the current one; --file gives it whole. Secrets not given are kept',
        args: ['<payId>'],
        options: configOptions,
        examples: ['payee admin configs replace cfg_01J... --set privateKey=@new-private-key.pem'],
        run: async (api, args) => {
          const [payId] = args.positionals;
          if (!args.options.file && !args.options.set) throw new UsageError('give --file or --set');
          // --set alone edits the current config: its secrets come back as {"hasValue":true}, which the API keeps.
          const base = args.options.file ? {} : (await api('GET', `/v1/admin/pay-configs/${seg(payId!)}`)).config;
          return one(await api('PUT', `/v1/admin/pay-configs/${seg(payId!)}`, { config: configFrom(args.options, base) }));
        },
      },
      disable: {
        summary: 'Disable a pay config: new payments stop using it',
        args: ['<payId>'],
        run: async (api, { positionals: [id] }) => one(await api('POST', `/v1/admin/pay-configs/${seg(id!)}/disable`)),
      },
    },
  },
  keys: {
    summary: "Merchants' API keys",
    commands: {
      create: {
        summary: 'Create an API key in a tier (the value is shown once)',
        args: ['<companyId>'],
        options: {
          tier: { type: 'string', placeholder: 'tier', description: 'Usage plan tier: standard, trial, ... (required)' },
          name: { type: 'string', placeholder: 'label', description: 'A label for people' },
        },
        examples: ['payee admin keys create C01J... --tier standard --name "checkout backend"'],
        run: async (api, args) => {
          const [companyId] = args.positionals;
          const body = { tier: need(args, 'tier'), ...(args.options.name ? { name: args.options.name } : {}) };
          return one(await api('POST', `/v1/admin/companies/${seg(companyId!)}/api-keys`, body));
        },
      },
      list: {
        summary: "List a company's API keys (never their values)",
        args: ['<companyId>'],
        run: async (api, { positionals: [id] }) => list(await api('GET', `/v1/admin/companies/${seg(id!)}/api-keys`), keyColumns),
      },
      rotate: {
        summary: 'A new key in the same tier; the old one keeps working for --overlap seconds',
        args: ['<companyId>', '<apiKeyId>'],
        options: { overlap: { type: 'string', placeholder: 'seconds', description: 'How long the old key keeps working (default 86400; 0: stops now)' } },
        run: async (api, args) => {
          const [companyId, apiKeyId] = args.positionals;
          const overlap = args.options.overlap;
          if (overlap !== undefined && !/^\d+$/.test(String(overlap))) throw new UsageError('--overlap must be a whole number of seconds');
          const body = overlap === undefined ? {} : { overlapSeconds: Number(overlap) };
          const out = await api('POST', `/v1/admin/companies/${seg(companyId!)}/api-keys/${seg(apiKeyId!)}/rotate`, body);
          return { json: out, text: `${record(out.key)}\n\nold key ${out.old.apiKeyId} works until ${out.old.expiresAt}` };
        },
      },
      disable: {
        summary: 'Disable an API key now',
        args: ['<companyId>', '<apiKeyId>'],
        run: async (api, { positionals: [id, keyId] }) => one(await api('POST', `/v1/admin/companies/${seg(id!)}/api-keys/${seg(keyId!)}/disable`)),
      },
    },
  },
};
