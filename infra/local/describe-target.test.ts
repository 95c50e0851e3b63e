/** infra/local/describe-target.ts as `npm run target` runs it: help, usage errors and AWS errors in one line, no stack trace. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'infra/local/describe-target.ts'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('npm run target', () => {
  it('answers --help with its usage', async () => {
    const help = await run('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: npm run target -- --stack Payee-<tenant>/);
    expect(help.stdout).toContain('--endpoint <url>');
  });

  it('refuses an unknown option or no --stack with exit code 2, and reports an unreachable endpoint in one line', async () => {
    expect(await run('--bogus')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^target: Unknown option '--bogus'/) });
    expect(await run()).toMatchObject({ code: 2, stderr: expect.stringMatching(/^target: --stack is required/) });
    const unreachable = await run('--stack', 'Payee-nope', '--endpoint', 'http://127.0.0.1:9');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^target: /);
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });
});
