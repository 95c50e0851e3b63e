/**
 * The local stack's mail: each mail a JSON file in a directory that the local site serves at
 * /dev/outbox. Only infra/local uses it: the site stack sends through SES.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mail, Mailer } from './mail.ts';

export interface OutboxMail extends Mail {
  at: string;
}

export class OutboxMailer implements Mailer {
  private seq = 0;
  constructor(readonly dir: string) {}

  async send(mail: Mail): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const at = new Date().toISOString();
    await writeFile(join(this.dir, `${at.replace(/[:.]/g, '-')}-${String(++this.seq).padStart(4, '0')}.json`), JSON.stringify({ at, ...mail }));
  }

  /** Every mail, newest first. */
  async list(): Promise<OutboxMail[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const newestFirst = names.filter((n) => n.endsWith('.json')).sort().reverse();
    return Promise.all(newestFirst.map(async (n) => JSON.parse(await readFile(join(this.dir, n), 'utf8')) as OutboxMail));
  }
}
