// ESLint (flat config) with typescript-eslint's type-aware rules. Formatting is Prettier's job
// (`npm run lint` runs both); the import boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.scratch/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits loses its failure; one passed where a callback is expected runs unobserved.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-require-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // kebab-case file and folder names throughout (the house rules); `x.test.ts` is checked as `x`.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { '**/': 'KEBAB_CASE' }],
    },
  },
  {
    // Each fact once (api/vocabulary): a choice value of the connector's (prefix 71890 -> 7189000xx) or a
    // connector role name written anywhere else in the functions or the web resources is a copy that
    // nothing holds to the solution. Import it from api/vocabulary instead.
    files: ['functions/**/*.ts', 'webresources/**/*.ts', 'webresources/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[raw=/^7189000[0-9]*$/]',
          message: 'A dtclm_* choice value written by hand: import it from api/vocabulary (contract-status.ts, choices.ts).',
        },
        {
          selector: 'Literal[value=/Dilitrust CLM (User|Send to Sign|ReadOnly|Admin|Connector)/]',
          message: 'A connector role name written by hand: import it from api/vocabulary/roles.ts.',
        },
        {
          selector: 'TemplateElement[value.raw=/Dilitrust CLM (User|Send to Sign|ReadOnly|Admin|Connector)/]',
          message: 'A connector role name written by hand: import it from api/vocabulary/roles.ts.',
        },
        {
          selector: 'JSXText[value=/Dilitrust CLM (User|Send to Sign|ReadOnly|Admin|Connector)/]',
          message: 'A connector role name written by hand: import it from api/vocabulary/roles.ts.',
        },
      ],
    },
  },
  {
    // Tests and benches: non-null assertions and `any` in fakes are their business.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
