// Headless Debian chromium for the e2e tests, and the built playground served the way
// `npm start` serves it (vite preview), on a free 127.0.0.1 port.
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

/**
 * The flags every headless run uses: no sandbox (containers run as root), no GPU, and no
 * network chatter of its own (updates, sync, QUIC), so a test only sees the page's traffic.
 */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches chromium at `executablePath` with a fresh profile (playwright makes a new one). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** A running static server for a built page; `url` ends with '/'. */
export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

/** Serves the build in `outDir` (relative to the repository root, default dist/) with vite preview. */
export async function servePreview(outDir = 'dist'): Promise<ServedPage> {
  const server: PreviewServer = await preview({
    root: repoRoot,
    logLevel: 'silent',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) {
    await server.close();
    throw new ServeError(`vite preview of ${outDir} reported no local URL`);
  }
  return { url, close: () => server.close() };
}

/** The preview server could not be started. */
export class ServeError extends Error {
  override name = 'ServeError';
}
