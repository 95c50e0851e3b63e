// Rebuilds a NodejsFunction's bundle with code splitting (NodejsFunction writes a single file and
// cannot split). Modules a handler imports lazily — a payment channel it has not used yet — become
// chunks beside index.mjs, loaded on first use instead of at every cold start.
// Plain JavaScript: it runs as a bundling command hook, under whichever Node runs the synth.
import { build } from 'esbuild';

const options = JSON.parse(Buffer.from(process.argv[2], 'base64').toString('utf8'));
await build({
  entryPoints: { index: options.entry },
  outdir: options.outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: options.target,
  mainFields: options.mainFields,
  minify: true,
  alias: options.alias,
  banner: { js: options.banner },
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'error',
});
