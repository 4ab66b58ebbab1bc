import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Statutory dates must not depend on the machine's zone: tests run in UTC unless TZ is set.
    env: { TZ: process.env.TZ ?? 'UTC' },
  },
});
