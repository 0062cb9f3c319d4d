// Where the real tools the cross-room tests drive live: Debian's chromium (e2e), etcd (the
// store's oracle) and kubectl v1.33 (kubectl's oracle). `npm test` finds them with
// scripts/setup.mjs and passes them in as PILOTHOUSE_* variables; a bare `npx vitest run`
// falls back to the places Debian and the machine image install them.
//
// A missing tool skips its tests on a developer's machine (with the reason in the test name)
// but fails them in CI (CI=true), where a skipped oracle would be a silent pass.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** The real tools a test may need. */
export type ToolName = 'chromium' | 'etcd' | 'etcdctl' | 'kubectl';

const ENV: Record<ToolName, string> = {
  chromium: 'PILOTHOUSE_CHROMIUM',
  etcd: 'PILOTHOUSE_ETCD',
  etcdctl: 'PILOTHOUSE_ETCDCTL',
  kubectl: 'PILOTHOUSE_KUBECTL',
};

const INSTALL: Record<ToolName, string> = {
  chromium: "Debian's chromium",
  etcd: "Debian's etcd-server",
  etcdctl: "Debian's etcd-client",
  kubectl: 'kubectl v1.33 (the machine image ships /usr/lib/google-cloud-sdk/bin/kubectl.1.33)',
};

/** Raised in CI when a tool a test needs is missing: a skipped oracle must not pass silently. */
export class MissingToolError extends Error {
  constructor(readonly tool: ToolName) {
    super(whyMissing(tool));
    this.name = 'MissingToolError';
  }
}

/**
 * The path of `name`: from its PILOTHOUSE_* variable, else its default location. When it is
 * missing: throws MissingToolError if CI=true, else returns undefined so the test can skip.
 */
export function findTool(name: ToolName): string | undefined {
  const fromEnv = process.env[ENV[name]];
  const found = fromEnv ? (existsSync(fromEnv) ? fromEnv : undefined) : defaultLocation(name);
  if (found === undefined && process.env.CI === 'true') throw new MissingToolError(name);
  return found;
}

/** One line saying why `name` is missing and how to provide it (for skip messages). */
export function whyMissing(name: ToolName): string {
  const fromEnv = process.env[ENV[name]];
  return fromEnv
    ? `${name} not found at ${ENV[name]}=${fromEnv}`
    : `${name} not found: install ${INSTALL[name]} or set ${ENV[name]}`;
}

/** A test title that carries the skip reason when the tool is missing. */
export function titleWithTool(title: string, name: ToolName, toolPath: string | undefined): string {
  return toolPath === undefined ? `${title} (skipped: ${whyMissing(name)})` : title;
}

function defaultLocation(name: ToolName): string | undefined {
  switch (name) {
    case 'chromium': return firstExisting(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
    case 'etcd': return firstExisting(['/usr/bin/etcd']);
    case 'etcdctl': return firstExisting(['/usr/bin/etcdctl']);
    case 'kubectl': return kubectl133();
  }
}

function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p));
}

// DESIGN.md: the oracle is kubectl v1.33, the versioned build beside the `kubectl` on PATH
// (the same search as scripts/setup.mjs findKubectl, narrowed to the version we emulate).
function kubectl133(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const onPath = path.join(dir, 'kubectl');
    if (!existsSync(onPath)) continue;
    const real = path.dirname(realpathSync(onPath));
    if (readdirSync(real).includes('kubectl.1.33')) return path.join(real, 'kubectl.1.33');
  }
  return firstExisting(['/usr/lib/google-cloud-sdk/bin/kubectl.1.33']);
}
