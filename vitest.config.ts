import { defineConfig } from 'vitest/config';

// One run for every suite: unit and component tests beside the code (src/**), and the tests
// that cross rooms (test/**: real etcd, real kubectl, the corpus, headless Chromium).
// Component tests choose jsdom with a `// @vitest-environment jsdom` line.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
