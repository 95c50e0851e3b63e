#!/usr/bin/env node
// The `payee` command (package.json "bin"): `npx payee admin --help`. The CLI is TypeScript,
// loaded through tsx, like the project's other scripts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
