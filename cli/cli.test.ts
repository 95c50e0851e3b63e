// The CLI without a network: argument parsing, tables, help and usage errors (exit 2).
import { describe, expect, it } from 'vitest';
import { keyValues, parseArgs, UsageError } from './args.ts';
import { resources, type Api } from './commands.ts';
import { main } from './main.ts';
import { cell, record, table } from './output.ts';

const specs = {
  json: { type: 'flag', description: '' },
  set: { type: 'string', multiple: true, description: '' },
  tier: { type: 'string', description: '' },
  help: { type: 'flag', short: 'h', description: '' },
} as const;

describe('parseArgs', () => {
  it('takes positionals, --name value, --name=value, repeated options, flags and short flags', () => {
    expect(parseArgs(['C1', '--tier', 'trial', '--set', 'a=1', '--set=b=x=y', '--json', '-h', '--', '--literal'], specs)).toEqual({
      positionals: ['C1', '--literal'],
      options: { tier: 'trial', set: ['a=1', 'b=x=y'], json: true, help: true },
    });
  });

  it('refuses unknown options, a missing value, a value on a flag and a single option given twice', () => {
    expect(() => parseArgs(['--nope'], specs)).toThrow(new UsageError('unknown option --nope'));
    expect(() => parseArgs(['-x'], specs)).toThrow('unknown option -x');
    expect(() => parseArgs(['--tier'], specs)).toThrow('--tier needs a value');
    expect(() => parseArgs(['--tier', '--json'], specs)).toThrow('--tier needs a value');
    expect(() => parseArgs(['--json=yes'], specs)).toThrow('--json takes no value');
    expect(() => parseArgs(['--tier', 'a', '--tier', 'b'], specs)).toThrow('--tier is given twice');
  });

  it('splits name=value pairs on the first =', () => {
    expect(keyValues(['alipay.page=cfg_1', 'note=a=b'], 'method')).toEqual({ 'alipay.page': 'cfg_1', note: 'a=b' });
    expect(() => keyValues(['novalue'], 'method')).toThrow('--method takes name=value, got "novalue"');
  });
});

describe('tables', () => {
  it('aligns columns by display width (CJK counts two), with - for absent values', () => {
    const rows = [
      { id: 'C1', name: '贝易商户', parent: undefined },
      { id: 'C22', name: 'Acme', parent: 'C1' },
    ];
    const columns = [
      { header: 'ID', value: (r: (typeof rows)[number]) => r.id },
      { header: 'NAME', value: (r: (typeof rows)[number]) => r.name },
      { header: 'PARENT', value: (r: (typeof rows)[number]) => r.parent },
    ];
    expect(table(rows, columns).split('\n')).toEqual(['ID   NAME      PARENT', 'C1   贝易商户  -', 'C22  Acme      C1']);
    expect(table([], columns, '(no companies)')).toBe('(no companies)');
  });

  it('prints nested values compactly and one resource as field lines', () => {
    expect(cell({ hasValue: true })).toBe('{"hasValue":true}');
    expect(cell(['a', 'b'])).toBe('a, b');
    expect(cell('-----BEGIN\nKEY\n-----END')).toBe('-----BEGIN KEY -----END');
    expect(record({ payId: 'cfg_1', status: 'ACTIVE', config: { appId: '2021', privateKey: { hasValue: true } } }).split('\n')).toEqual([
      'payId   cfg_1',
      'status  ACTIVE',
      'config',
      '  appId       2021',
      '  privateKey  {"hasValue":true}',
    ]);
  });
});

describe('main', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, () => {
      throw new Error('no connection in unit tests');
    });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('shows help at every level with exit 0', async () => {
    expect(await run('admin', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: payee admin <resource> <verb>') });
    expect(await run('admin', 'keys', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/rotate\s+A new key in the same tier/) });
    expect(await run('admin', 'keys', 'rotate', '--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: payee admin keys rotate <companyId> <apiKeyId> [options]') });
  });

  it('answers a wrong command line with one clear line, a hint and exit 2, before any request', async () => {
    expect(await run('admin', 'compnies', 'list')).toMatchObject({ code: 2, err: expect.stringMatching(/^payee: unknown resource compnies\n/) });
    expect(await run('admin', 'companies', 'delete')).toMatchObject({ code: 2, err: expect.stringContaining('unknown verb delete for companies') });
    expect(await run('admin', 'companies', 'show')).toMatchObject({ code: 2, err: expect.stringContaining('expected <companyId>, got none') });
    expect(await run('admin', 'keys', 'create', 'C1', '--teir', 'x')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --teir') });
    expect(await run('admin', 'keys', 'create', 'C1')).toMatchObject({ code: 1, err: 'payee: no connection in unit tests\n' });
  });
});

describe('commands that show a notify secret', () => {
  const secret = `whsec_${'x'.repeat(43)}`;
  const company = { companyId: 'C1', name: 'Acme', path: ['C1'], createdAt: '2026-11-25T00:00:00.000Z' };
  /** Runs a command on an API that answers `reply`; the requests it made and its output. */
  const runWith = async (resource: string, verb: string, argv: string[], reply: unknown) => {
    const requests: unknown[][] = [];
    const api: Api = async (...request) => (requests.push(request), reply);
    const command = resources[resource]!.commands[verb]!;
    return { requests, output: await command.run(api, parseArgs(argv, command.options ?? {})) };
  };
  const times = (text: string, part: string) => text.split(part).length - 1;

  it('prints a new company with its secret, once, and a line saying to store it now', async () => {
    const { requests, output } = await runWith('companies', 'create', ['--name', 'Acme'], { ...company, notifySecret: secret });
    expect(requests).toEqual([['POST', '/v1/admin/companies', { name: 'Acme' }]]);
    expect(output.json).toEqual({ ...company, notifySecret: secret });
    expect(times(output.text, secret)).toBe(1);
    expect(output.text).toMatch(/^notifySecret\s+whsec_x{43}$/m);
    expect(output.text.split('\n').at(-1)).toBe(
      "Store the notifySecret now: it is shown only this once. It signs the company's notifications; `payee admin notify-secret rotate C1` replaces a lost one.",
    );
  });

  it('prints a rotated secret once, with the same line', async () => {
    const { requests, output } = await runWith('notify-secret', 'rotate', ['C1'], { notifySecret: secret });
    expect(requests).toEqual([['POST', '/v1/admin/companies/C1/notify-secret/rotate']]);
    expect(times(output.text, secret)).toBe(1);
    expect(output.text.split('\n').at(-1)).toMatch(/^Store the notifySecret now: it is shown only this once\./);
  });
});

describe('companies ledger', () => {
  const runLedger = async (argv: string[]) => {
    const requests: unknown[][] = [];
    const api: Api = async (...request) => (requests.push(request), { companyId: 'C1', enabled: argv[1] === 'on' });
    const command = resources.companies!.commands.ledger!;
    return { requests, output: await command.run(api, parseArgs(argv, command.options ?? {})) };
  };
  it('switches the ledger with PUT …/ledger, and refuses anything but on or off', async () => {
    expect((await runLedger(['C1', 'on'])).requests).toEqual([['PUT', '/v1/admin/companies/C1/ledger', { enabled: true }]]);
    expect((await runLedger(['C1', 'off'])).requests).toEqual([['PUT', '/v1/admin/companies/C1/ledger', { enabled: false }]]);
    await expect(runLedger(['C1', 'yes'])).rejects.toThrow('on or off');
  });
});
