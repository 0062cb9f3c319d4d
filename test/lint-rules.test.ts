// The house rules ESLint enforces (STYLE.md §1 and §11), shown catching real violations: a rule
// we don't test could silently stop firing.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it were the file at `file` (repo-relative). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint rules', () => {
  it.each([
    { name: 'a room importing another room past its index.ts', file: 'src/engine/api/x.ts',
      code: "import type { Store } from '../store/types.ts';\nexport type S = Store;\n", rule: 'pilothouse/rooms' },
    { name: 'a room importing a room above it', file: 'src/engine/store/x.ts',
      code: "import type { KubeObject } from '../api/index.ts';\nexport type K = KubeObject;\n", rule: 'pilothouse/rooms' },
    { name: 'a file importing its own room index', file: 'src/engine/clock/x.ts',
      code: "import type { Clock } from './index.ts';\nexport type C = Clock;\n", rule: 'pilothouse/rooms' },
    { name: 'the engine reading real time', file: 'src/engine/api/x.ts', code: 'export const t = Date.now();\n', rule: 'no-restricted-properties' },
    { name: 'the engine using Math.random', file: 'src/engine/store/x.ts', code: 'export const r = Math.random();\n', rule: 'no-restricted-properties' },
    { name: 'the engine calling setTimeout', file: 'src/engine/client/x.ts', code: 'setTimeout(() => undefined, 1);\n', rule: 'no-restricted-globals' },
    { name: 'the engine constructing the current Date', file: 'src/engine/api/x.ts', code: 'export const d = new Date();\n', rule: 'no-restricted-syntax' },
    { name: 'the engine importing React', file: 'src/engine/api/x.ts', code: "import { useState } from 'react';\nexport const u = useState;\n", rule: 'no-restricted-imports' },
  ])('reports $name', async ({ file, code, rule }) => {
    expect(await violations(file, code)).toContain(rule);
  });

  it.each([
    { name: 'the clock using real timers', file: 'src/engine/clock/x.ts', code: 'export const t = Date.now();\n' },
    { name: 'a room importing a lower room through its index', file: 'src/engine/api/x.ts', code: "import type { Store } from '../store/index.ts';\nexport type S = Store;\n" },
    { name: 'the engine formatting a given instant', file: 'src/engine/api/x.ts', code: 'export const d = (ms: number) => new Date(ms).toISOString();\n' },
  ])('allows $name', async ({ file, code }) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
