import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'infra/**/*.test.ts', 'cli/**/*.test.ts', 'plugins/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/isolated/**'],
          // One local stack (or the target named by PAYEE_TARGET) for the whole suite.
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'isolated',
          // Chaos (frozen DynamoDB, crashed functions) and load: a local stack of their own, one
          // file at a time, so that nothing else runs on it meanwhile.
          include: ['test/isolated/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
