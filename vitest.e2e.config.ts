import { defineConfig } from 'vitest/config';

/** Browser journeys: one pocdesk server (fresh data) for the run, Debian's Chromium through playwright-core. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // One module state for the run: journeys share their sign-in sessions (see test/e2e/browser.ts).
    isolate: false,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
  },
});
