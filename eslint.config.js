// Type-aware lint plus the package boundaries of design.md section 2 and style guide items 1, 2 and 25.
import js from '@eslint/js'
import simpleImportSort from 'eslint-plugin-simple-import-sort'
import tseslint from 'typescript-eslint'

const ioModules = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'child_process',
  'worker_threads',
  'dgram',
  'os',
  'node:*',
  'jsforce',
  'jsforce/*',
  '@hubspot/api-client',
  'kysely',
  'pg',
  'better-sqlite3',
  'fastify',
  'graphile-worker',
  'pino',
]

/** Builds a no-restricted-imports rule that forbids the given package name patterns. */
function forbid(patterns, message) {
  return ['error', { patterns: [{ group: patterns, message }] }]
}

const noReachingIntoSrc = {
  group: ['@crmsync/*/src/*', 'salesforce-sandbox/src/*', 'hubspot-sandbox/src/*', '../../*/src/*'],
  message: 'Import another package through its entry point, never its src/.',
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'coverage/**',
      'bench/results/**',
      'packages/console/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: 'CatchClause > Identifier.param[name!=/^(err|_err)$/]',
          message: 'Name the catch parameter err.',
        },
      ],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'no-restricted-imports': ['error', { patterns: [noReachingIntoSrc] }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'packages/console/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Libraries read no environment; only composition roots, tests and benchmarks do (style guide item 5).
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/cli/src/**', '**/main.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Libraries read no environment; the CLI passes values in.',
        },
      ],
    },
  },
  // The core is pure: no I/O modules, no clock, no randomness, no environment (style guide item 2).
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noReachingIntoSrc,
            { group: ioModules, message: 'The core is pure: no I/O modules (design.md section 2).' },
            {
              group: ['@crmsync/*', 'salesforce-sandbox', 'hubspot-sandbox'],
              message: 'The core imports nothing internal.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
        { object: 'Math', property: 'random', message: 'Use the injected IdGenerator.' },
        { object: 'process', property: 'env', message: 'Libraries read no environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only.' },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock.',
        },
        { selector: "Identifier[name='process']", message: 'The core does not touch the process.' },
        {
          selector: 'CatchClause > Identifier.param[name!=/^(err|_err)$/]',
          message: 'Name the catch parameter err.',
        },
      ],
    },
  },
  // The sandboxes must not share a misunderstanding with the connectors (design.md section 2).
  {
    files: ['packages/salesforce-sandbox/**/*.ts', 'packages/hubspot-sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['@crmsync/*', '../../core/*', '../../salesforce/*', '../../hubspot/*'],
        'A sandbox may not import the core or the connectors.',
      ),
    },
  },
  {
    files: ['packages/salesforce/src/**/*.ts', 'packages/hubspot/src/**/*.ts', 'packages/store/src/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['@crmsync/*', '!@crmsync/core', 'salesforce-sandbox', 'hubspot-sandbox', '@crmsync/*/src/*'],
        'Connectors and the store may import only @crmsync/core.',
      ),
    },
  },
  // Connector tests run the connector against its sandbox (style guide item 21), so they may import it.
  {
    files: ['packages/salesforce/src/**/*.emu.test.ts', 'packages/hubspot/src/**/*.emu.test.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [
          '@crmsync/*',
          '!@crmsync/core',
          '@crmsync/*/src/*',
          'salesforce-sandbox/src/*',
          'hubspot-sandbox/src/*',
        ],
        'Connector tests may import only @crmsync/core and the sandboxes (through their entry points).',
      ),
    },
  },
  {
    files: ['packages/engine/src/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['@crmsync/server', '@crmsync/console', '@crmsync/cli', '@crmsync/*/src/*'],
        'The engine may import core, store and the connectors only.',
      ),
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['@crmsync/console', '@crmsync/cli', '@crmsync/salesforce', '@crmsync/hubspot', '@crmsync/*/src/*'],
        'The server may import core, store and engine only.',
      ),
    },
  },
)
