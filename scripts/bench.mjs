// `npm run bench [-- PREFIX]`: runs the benchmarks of bench/registry.ts whose names start with
// PREFIX (all without one) and prints one line each:
//   store.put.idb: 9,870 puts/s (ratio 0.55 vs baseline)  [baseline: raw idb, 100 puts per transaction = 17,900 puts/s]
// Browser benchmarks run in headless Debian chromium (fresh profile per run) on a page built
// from bench/ by Vite into .tmp/bench-dist/; node benchmarks run in this process. Each
// benchmark measures its baseline itself, in the same page and run.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureNodeModules, ensureSystemTools, root } from './setup.mjs';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

ensureNodeModules();
const { tsImport } = await import('tsx/esm/api');
const here = pathToFileURL(path.join(root, 'scripts', 'bench.mjs')).href;
const { benchmarks } = await tsImport('../bench/registry.ts', here);

const prefix = process.argv[2] ?? '';
const selected = benchmarks.filter((b) => b.name.startsWith(prefix));
if (!selected.length) {
  console.error(`bench: no benchmark starts with "${prefix}" (have: ${benchmarks.map((b) => b.name).join(', ')})`);
  process.exit(1);
}

const fmt = (n) => n.toLocaleString('en-US', { maximumFractionDigits: n >= 100 ? 0 : 2 });
function print(r) {
  const flag = r.targetRatio !== undefined && r.ratio < r.targetRatio ? `  BELOW TARGET ${r.targetRatio.toFixed(2)}` : '';
  console.log(`${r.name}: ${fmt(r.value)} ${r.unit} (ratio ${r.ratio.toFixed(2)} vs baseline)` +
    `  [baseline: ${r.baselineDescription} = ${fmt(r.baseline)} ${r.unit}; median of ${r.rounds}]${flag}`);
}

let failed = 0;
const inNode = selected.filter((b) => b.runs === 'node');
if (inNode.length) {
  const { measure } = await tsImport('../bench/harness.ts', here);
  for (const b of inNode) {
    try { print(await measure(b)); } catch (err) { failed++; console.log(`${b.name}: FAILED ${err?.stack ?? err}`); }
  }
}

const inBrowser = selected.filter((b) => b.runs === 'browser');
if (inBrowser.length) {
  const executablePath = process.env.PILOTHOUSE_CHROMIUM ?? ensureSystemTools(['chromium']).chromium ?? '/usr/bin/chromium';
  const { build, preview } = await import('vite');
  const configFile = path.join(root, 'bench', 'vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false } });
  const url = server.resolvedUrls?.local[0];
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    for (const b of inBrowser) {
      // A fresh page per benchmark, so one's garbage and open databases don't slow the next.
      const page = await browser.newPage();
      page.on('pageerror', (err) => console.error(`bench page error: ${err.message}`));
      try {
        await page.goto(url);
        await page.waitForFunction(() => globalThis.pilothouseBench !== undefined);
        print(await page.evaluate((name) => globalThis.pilothouseBench.run(name), b.name));
      } catch (err) {
        failed++;
        console.log(`${b.name}: FAILED ${err?.message ?? err}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
process.exit(failed ? 1 : 0);
