// The bench page: a second Vite build, apart from the app's (index.html → dist/), written where
// neither git nor eslint looks. scripts/bench.mjs builds and serves it.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: path.resolve(import.meta.dirname, '..', '.tmp', 'bench-dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Benchmarks measure the code as shipped: minified, but with readable stacks on failure.
    sourcemap: true,
  },
});
