// The built playground (dist/, built by `npm test` before vitest runs) in headless Debian
// chromium: the shell boots a cluster whose store lives in the page's real IndexedDB, and a
// reload finds it where it was left.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, repoRoot, servePreview, type ServedPage } from '../support/browser.ts';
import { findTool, titleWithTool } from '../support/tools.ts';

const chromiumPath = findTool('chromium');

describe.skipIf(chromiumPath === undefined)(titleWithTool('the playground shell in chromium', 'chromium', chromiumPath), () => {
  let served: ServedPage;
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(path.join(repoRoot, 'dist', 'index.html')),
      'dist/index.html is missing: run `npm test` (it builds first) or `npx vite build`').toBe(true);
    served = await servePreview('dist');
    browser = await launchChromium(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Waits for the shell to finish booting, then reads the revision it shows. */
  async function revisionShown(page: Page): Promise<number> {
    await page.locator('main.shell[data-phase="ready"], main.shell[data-phase="failed"]').waitFor();
    expect(await page.getByRole('alert').allTextContents(), 'the shell failed to boot').toEqual([]);
    return Number(await page.getByTestId('store-revision').textContent());
  }

  it('shows the store revision, and after a reload a higher one from the same IndexedDB', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(served.url);
    await expect(page.getByRole('heading', { name: 'Pilothouse' }).textContent()).resolves.toBe('Pilothouse');

    const first = await revisionShown(page);
    // Booting writes the system namespaces, RBAC policy and more: dozens of revisions.
    expect(first).toBeGreaterThan(20);
    await expect(page.getByRole('region', { name: 'namespaces' }).getByRole('listitem').allTextContents())
      .resolves.toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);

    await page.reload();
    const second = await revisionShown(page);
    // Everything persisted is found again, and the reboot's identity-lease renewal writes on top.
    expect(second).toBeGreaterThan(first);
    expect(errors).toEqual([]);
    await page.close();
  });
});
