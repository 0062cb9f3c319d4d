// `npm start`: installs what is missing, builds the playground and serves it on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureNodeModules, root } from './setup.mjs';

ensureNodeModules();
const vite = path.join(root, 'node_modules', '.bin', 'vite');
const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const { preview } = await import('vite');
const port = Number(process.env.PORT ?? 4173);
const server = await preview({ root, preview: { host: '127.0.0.1', port, strictPort: false, open: false } });
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`Pilothouse is running at ${url}  (Ctrl-C to stop)`);
