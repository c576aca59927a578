// ESLint: typescript-eslint's strict, type-checked rules over the whole tree (`npm run lint`, run by
// `npm test`). Formatting is Prettier's (`.prettierrc.json`); the layering between libs is
// dependency-cruiser's (`.dependency-cruiser.cjs`, written down in docs/architecture.md).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', '.data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Nest modules are decorated empty classes by design.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // DTO classes are shapes for validation and OpenAPI; object literals of that shape are how Nest code builds them.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // Numbers and booleans in messages and SQL-free template strings are fine; objects are not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Another lib is imported by its alias (docs/architecture.md), never by a relative path into its src/.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(libs/[a-z-]+|(?!api/|worker/|start/)[a-z-]+)/src/',
              message: 'Import another lib through its alias: @pathway/<lib>/<file>.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benches read supertest's `res.body` and raw rows, which are `any` by design, and assert on them.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
