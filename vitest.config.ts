import { defineConfig } from 'vitest/config'

// Test projects are chosen by file suffix (style guide item 20):
//   *.test.ts          pure, in memory
//   *.emu.test.ts      starts a sandbox (Salesforce or HubSpot emulator) in-process
//   *.pg.test.ts       needs PostgreSQL (CRMSYNC_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres)
//   *.browser.test.ts  drives Debian's Chromium through playwright-core
const special = ['**/*.emu.test.ts', '**/*.pg.test.ts', '**/*.browser.test.ts']

export default defineConfig({
  test: {
    passWithNoTests: true,
    // Most files start sandboxes and wait on them (search lag, polls, probes), so one worker per spare core
    // (Vitest's default: 1 on the 2-core CI machine) leaves the CPU idle most of the time: measured load 0.5
    // with one worker. Three files at a time keep both cores busy without starving a test's own deadlines.
    maxWorkers: 3,
    setupFiles: ['./vitest.setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...special],
        },
      },
      {
        extends: true,
        // Hooks start sandboxes and seed them: the default 10 s is close on a loaded 2-core CI machine.
        test: {
          name: 'emu',
          include: ['packages/*/src/**/*.emu.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'pg',
          include: ['packages/*/src/**/*.pg.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['packages/*/src/**/*.browser.test.ts'], testTimeout: 60_000 },
      },
    ],
  },
})
