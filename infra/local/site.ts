/**
 * The website for `npm start`: site/ is its own npm package (the gateway's install does not carry
 * its toolchain), so its packages are installed the first time and the site is built at each start
 * from the repository's README, docs and SDK READMEs as they are, then served.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { step, type Progress } from './emulator/progress.ts';
import { startSiteServer, type JsonRoutes, type LocalMembers, type SiteServer } from './site-server.ts';

const run = promisify(execFile);
export const SITE_DIR = resolve(import.meta.dirname, '../../site');

async function npm(args: string[]): Promise<void> {
  try {
    await run('npm', args, { cwd: SITE_DIR, maxBuffer: 16 << 20 });
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} in site/ failed:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n')}`);
  }
}

/** Installs site/'s packages when they are missing and builds site/dist. */
export async function buildSite(progress?: Progress): Promise<string> {
  if (!existsSync(join(SITE_DIR, 'node_modules'))) await step("the website's packages (npm ci in site/, once)", () => npm(['ci', '--no-audit', '--no-fund']), progress);
  await step('the website (site/: Vite, Redoc)', () => npm(['run', 'build', '--silent']), progress);
  return join(SITE_DIR, 'dist');
}

export async function startSite(options: { host?: string; port?: number; progress?: Progress; json?: JsonRoutes; members?: LocalMembers }): Promise<SiteServer> {
  const dir = await buildSite(options.progress);
  return step('the website server', () => startSiteServer({ dir, host: options.host, port: options.port, json: options.json, members: options.members }), options.progress);
}
