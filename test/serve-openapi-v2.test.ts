// The committed /openapi/v2 document (src/engine/api/generated/openapi-v2.json.gz) is what
// scripts/gen-openapi-v2.mjs makes from the committed OpenAPI v3 documents: regenerating must
// change nothing, so neither can drift from the other unnoticed.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '..', 'scripts', 'gen-openapi-v2.mjs');

describe('the generated OpenAPI v2 document', () => {
  it('is what the generator makes from the committed v3 documents', async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [script, '--check'], { timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
    expect(result).toEqual({ code: 0, stdout: 'src/engine/api/generated/openapi-v2.json.gz is up to date\n', stderr: '' });
  }, 60_000);
});
