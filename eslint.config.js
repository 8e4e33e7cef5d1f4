// A short list that catches real bugs (STYLE.md §3.12), plus the boundaries between server, web and shared.
import tseslint from 'typescript-eslint'

const noServerOrWeb = (self) => ({
  patterns: [
    ...(self === 'web'
      ? []
      : [
          {
            group: ['**/web/**', '**/web/src/**'],
            message: `${self}/ must not import the web client`,
          },
        ]),
    ...(self === 'server'
      ? []
      : [{ group: ['**/server/**'], message: `${self}/ must not import server code` }]),
  ],
})

// Classic zod carries every method on every schema, about 9 kB gzip more on every page than zod/mini; the web and the
// schemas it shares build with zod/mini (shared/zod.ts).
const classicZod = {
  name: 'zod',
  message:
    "Use `import { z } from '<...>/shared/zod'` (zod/mini): classic zod adds ~9 kB gzip to every page.",
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.tools/',
      'test-results/',
      'playwright-report/',
      'migrations/',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { ...noServerOrWeb('web'), paths: [classicZod] }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/livekit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noServerOrWeb('server'),
          paths: [{ name: 'livekit-server-sdk', message: 'Only server/livekit/ talks to LiveKit' }],
        },
      ],
    },
  },
  {
    files: ['server/livekit/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noServerOrWeb('server')] },
  },
  {
    files: ['server/**/routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noServerOrWeb('server'),
          paths: [
            { name: 'drizzle-orm', message: 'Routes call services; queries live in stores' },
            { name: 'livekit-server-sdk', message: 'Only server/livekit/ talks to LiveKit' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...noServerOrWeb('shared'), paths: [classicZod] }],
    },
  }
)
