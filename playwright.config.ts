import { defineConfig } from '@playwright/test';

/**
 * E2E tests load the built extension (.output/chrome-mv3; run `npm run build` first) into
 * Debian's Chromium (see e2e/fixtures.ts). Never `npx playwright install`: no downloads here.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: one for the test worker's Chromium, one for the model server and the runner.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
