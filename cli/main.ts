/**
 * `payee admin <resource> <verb> [options]`: the operator's CLI over the admin API. Exit codes:
 * 0 done, 1 the API (or the network) refused, 2 the command line is wrong.
 */
import { parseArgs, UsageError, type OptionSpecs } from './args.ts';
import { adminRequest, ApiError, connectionForAws, connectionFromTarget, type AdminConnection } from './client.ts';
import { resources, type Command } from './commands.ts';
import { pluginsCommand } from './plugins.ts';
import { reportCommand } from './report.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const GLOBAL_OPTIONS: OptionSpecs = {
  json: { type: 'flag', description: 'Print the API reply as JSON' },
  target: { type: 'string', placeholder: 'file', description: 'Target file of a local stack (default .payee/local.json)' },
  'api-url': { type: 'string', placeholder: 'url', description: 'The API (with stage) of a deployed stack, signed with your AWS credentials' },
  region: { type: 'string', placeholder: 'region', description: 'AWS region of --api-url (default AWS_REGION, or from the URL)' },
  help: { type: 'flag', short: 'h', description: 'Show help' },
};

const DEFAULT_TARGET = '.payee/local.json';

function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, s]) => [`${s.short ? `-${s.short}, ` : ''}--${name}${s.placeholder ? ` <${s.placeholder}>` : ''}`, s.description] as const);
  const w = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, d]) => `  ${l.padEnd(w)}  ${d}`);
}

function topHelp(): string {
  const w = Math.max(...Object.keys(resources).map((r) => r.length));
  return [
    'Usage: payee admin <resource> <verb> [options]',
    '',
    'Administers a payee deployment through its admin API (/v1/admin, IAM-signed).',
    '',
    'Resources:',
    ...Object.entries(resources).map(([name, r]) => `  ${name.padEnd(w)}  ${r.summary}`),
    '',
    'Options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Run `payee admin <resource> --help` for its verbs. Against AWS: --api-url https://<id>.execute-api.<region>.amazonaws.com/live',
    'with credentials allowed execute-api:Invoke (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).',
  ].join('\n');
}

function resourceHelp(name: string): string {
  const r = resources[name]!;
  const w = Math.max(...Object.keys(r.commands).map((v) => v.length));
  return [
    `Usage: payee admin ${name} <verb> [options]`,
    '',
    r.summary,
    '',
    'Verbs:',
    ...Object.entries(r.commands).map(([verb, c]) => `  ${verb.padEnd(w)}  ${c.summary}`),
    '',
    `Run \`payee admin ${name} <verb> --help\` for its arguments.`,
  ].join('\n');
}

function commandHelp(resource: string, verb: string, c: Command): string {
  return [
    `Usage: payee admin ${resource} ${verb}${c.args.map((a) => ` ${a}`).join('')}${c.options ? ' [options]' : ''}`,
    '',
    c.summary,
    ...(c.options ? ['', 'Options:', ...optionLines(c.options)] : []),
    '',
    'Global options:',
    ...optionLines(GLOBAL_OPTIONS),
    ...(c.examples ? ['', 'Examples:', ...c.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

export async function main(argv: readonly string[], io: Io, connect: (options: Record<string, unknown>) => Promise<AdminConnection> = connection): Promise<number> {
  const usage = (message: string, help: string) => {
    io.err(`payee: ${message}\n${help}\n`);
    return 2;
  };
  const [scope, resourceName, verb, ...rest] = argv;
  if (scope === undefined || scope === '--help' || scope === '-h' || scope === 'help') {
    io.out(`${topHelp()}\n`);
    return scope === undefined ? 2 : 0;
  }
  if (scope === 'plugins') return pluginsCommand(argv.slice(1), io);
  if (scope === 'report') return reportCommand(argv.slice(1), io);
  if (scope !== 'admin') return usage(`unknown command ${scope}`, 'Usage: payee admin <resource> <verb> [options]   (payee admin --help)');
  if (resourceName === undefined || resourceName === '--help' || resourceName === '-h') {
    io.out(`${topHelp()}\n`);
    return resourceName === undefined ? 2 : 0;
  }
  const resource = resources[resourceName];
  if (!resource) return usage(`unknown resource ${resourceName}`, `Resources: ${Object.keys(resources).join(', ')}   (payee admin --help)`);
  if (verb === undefined || verb === '--help' || verb === '-h') {
    io.out(`${resourceHelp(resourceName)}\n`);
    return verb === undefined ? 2 : 0;
  }
  const command = resource.commands[verb];
  if (!command) return usage(`unknown verb ${verb} for ${resourceName}`, `Verbs: ${Object.keys(resource.commands).join(', ')}   (payee admin ${resourceName} --help)`);

  const hint = `Run \`payee admin ${resourceName} ${verb} --help\` for its usage.`;
  let args;
  try {
    args = parseArgs(rest, { ...GLOBAL_OPTIONS, ...command.options });
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, hint);
    throw error;
  }
  if (args.options.help) {
    io.out(`${commandHelp(resourceName, verb, command)}\n`);
    return 0;
  }
  const required = command.args.filter((a) => a.startsWith('<')).length;
  if (args.positionals.length < required || args.positionals.length > command.args.length) {
    return usage(`expected ${command.args.join(' ') || 'no arguments'}, got ${args.positionals.length ? args.positionals.join(' ') : 'none'}`, hint);
  }
  try {
    const conn = await connect(args.options);
    const output = await command.run(async (method, path, body) => (await adminRequest(conn, method, path, body)).body, args);
    io.out(`${args.options.json ? JSON.stringify(output.json, null, 2) : output.text}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, hint);
    if (error instanceof ApiError) {
      const where = [error.param && `param ${error.param}`, error.code, `HTTP ${error.status}`].filter(Boolean).join(', ');
      io.err(`payee: ${error.message} (${where})\n`);
      return 1;
    }
    io.err(`payee: ${(error as Error).message}\n`);
    return 1;
  }
}

async function connection(options: Record<string, unknown>): Promise<AdminConnection> {
  if (typeof options['api-url'] === 'string') return connectionForAws(options['api-url'], options.region as string | undefined);
  return connectionFromTarget((options.target as string | undefined) ?? process.env.PAYEE_TARGET ?? DEFAULT_TARGET);
}
