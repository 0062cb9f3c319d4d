// Installs what the two commands need and npm cannot install by itself: node modules (npm ci),
// and for tests Debian's chromium and etcd-server (apt-get, only where missing, only as root).
// Node built-ins only: this runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, realpathSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`pilothouse: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

/** Runs `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('pilothouse: installing node modules (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The newest versioned kubectl build beside the `kubectl` on PATH (kubectl.1.33 ...), if any. */
export function findKubectl() {
  if (process.env.PILOTHOUSE_KUBECTL) return process.env.PILOTHOUSE_KUBECTL;
  const onPath = which('kubectl');
  if (!onPath) return undefined;
  const dir = path.dirname(realpathSync(onPath));
  const out = spawnSync('ls', [dir], { encoding: 'utf8' }).stdout ?? '';
  const builds = out.split('\n').filter((f) => /^kubectl\.1\.\d+$/.test(f))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  return builds.length ? path.join(dir, builds[builds.length - 1]) : undefined;
}

/** Debian packages the test suite drives: the browser for e2e and bench, etcd as an oracle. */
const SYSTEM_TOOLS = [
  { name: 'chromium', binary: 'chromium', packages: ['chromium'] },
  { name: 'etcd', binary: 'etcd', packages: ['etcd-server', 'etcd-client'] },
];

/**
 * Installs missing system tools with apt-get where the machine has apt and we are root;
 * elsewhere stops with one line saying what to install. Returns the paths for the tests.
 */
export function ensureSystemTools(names = SYSTEM_TOOLS.map((t) => t.name)) {
  const wanted = SYSTEM_TOOLS.filter((t) => names.includes(t.name));
  const missing = wanted.filter((t) => !which(t.binary));
  if (missing.length) {
    const pkgs = missing.flatMap((t) => t.packages);
    const canApt = which('apt-get') && process.getuid?.() === 0;
    if (!canApt) {
      console.error(`pilothouse: missing ${missing.map((t) => t.name).join(' and ')}: install Debian's ${pkgs.join(' ')} (apt-get install ${pkgs.join(' ')})`);
      process.exit(1);
    }
    console.log(`pilothouse: installing ${pkgs.join(' ')} with apt-get`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update', '-qq'], { env });
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env });
  }
  return Object.fromEntries(wanted.map((t) => [t.name, which(t.binary)]));
}

export function versionOf(binary, args = ['--version']) {
  try { return execFileSync(binary, args, { encoding: 'utf8' }).split('\n')[0]; } catch { return undefined; }
}
