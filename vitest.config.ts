import { defineConfig } from 'vitest/config';

const pgUrl = process.env.VIGIL_TEST_DATABASE_URL;

const dbFiles = ['src/**/*.db.test.ts', 'src/http/**/*.test.ts'];

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    maxWorkers: 2,
    // CI shuffles file order to catch cross-file coupling; tests inside a file run in order, since
    // many files tell one story (bootstrap first, then accounts; import, then rescore).
    sequence: { shuffle: { files: Boolean(process.env.CI), tests: false } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: dbFiles,
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: dbFiles,
          globalSetup: ['test/setup-pglite.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(pgUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'db-pg',
                include: dbFiles,
                globalSetup: ['test/setup-pg.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
