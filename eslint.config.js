// ESLint (npm test runs it): typescript-eslint's strict, type-checked rules over every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/templates/**', 'example/out/**', 'core/profile/validators.generated.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // numbers and booleans read as they print (a port, a count, a flag); objects and undefined still may not
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // a spec states what it expects: a value it asserts exists (`found!`) fails the spec at that line when missing
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['bench/*.mjs', '.dependency-cruiser.cjs'],
    languageOptions: { globals: { process: 'readonly', module: 'writable', console: 'readonly' } },
  },
);
