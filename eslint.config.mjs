// ESLint: typescript-eslint's strict, type-checked rules over the whole tree. Formatting is
// Prettier's (`npm run format:check`); the layering between libs is dependency-cruiser's
// (`.dependency-cruiser.cjs`, written down in docs/architecture.md).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', '.data/**', 'coverage/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
);
