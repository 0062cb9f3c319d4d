// `npm test`: installs what is missing, then runs lint, type-check, and every vitest suite
// (unit, component, oracle tests against real etcd/kubectl, e2e in headless Chromium).
// The last line is the plain total `tests: N passed, N failed`, which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ensureSystemTools, findKubectl, root } from './setup.mjs';

ensureNodeModules();
const tools = ensureSystemTools();
const kubectl = findKubectl();
const env = {
  ...process.env,
  PILOTHOUSE_CHROMIUM: tools.chromium,
  PILOTHOUSE_ETCD: tools.etcd,
  ...(kubectl ? { PILOTHOUSE_KUBECTL: kubectl } : {}),
};
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const filters = process.argv.slice(2);

let passed = 0;
let failed = 0;
function step(name, cmd, args) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env });
  if (r.status === 0) passed++;
  else { failed++; console.log(`FAIL ${name} (exit ${r.status ?? r.signal})`); }
  return r.status === 0;
}

if (!filters.length) {
  step('lint: eslint', bin('eslint'), ['.', '--max-warnings=0']);
  step('lint: tsc', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
}
// The e2e tests load the built page, so the build itself is checked here too.
step('build: vite', bin('vite'), ['build', '--logLevel', 'warn']);

const report = path.join(root, '.tmp', 'vitest.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });
console.log('\n== vitest');
spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters],
  { stdio: 'inherit', cwd: root, env });
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load has no tests to count; count it as one failure.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  if (r.numTotalTests === 0) { console.log('vitest ran no test'); failed++; }
} else {
  console.log('vitest wrote no report');
  failed++;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
