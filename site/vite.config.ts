import { defineConfig } from 'vite';

// Vite bundles the pages' stylesheet and script (hashed names, a manifest); build/render.ts then
// writes the HTML pages around them.
export default defineConfig({
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: { input: ['src/main.ts', 'src/status.ts', 'src/members.ts'] },
  },
});
