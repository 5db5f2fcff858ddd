// ESLint (flat config) with typescript-eslint's type-aware rules. Formatting is Prettier's job
// (`npm run lint` runs both); the import boundaries are dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import tseslint from 'typescript-eslint';

/** A status value or role name written outside api/vocabulary. */
const VOCABULARY_COPIES = [
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
];

/** A connector route written by hand instead of taken from api/routes.ts. */
const HAND_BUILT_ROUTES = [
  {
    selector: 'Literal[value=/^\\/?api\\/(?!data\\/)/]',
    message: 'A connector route written by hand: take it from api/routes.ts (ROUTES, routePath).',
  },
  {
    selector: 'TemplateElement[value.raw=/^\\/?api\\/(?!data\\/)[a-z]/]',
    message: 'A connector route written by hand: take it from api/routes.ts (ROUTES, routePath).',
  },
  {
    selector: "Property[key.name='route'] > Literal",
    message: 'A route registered by hand: take its path from api/routes.ts (ROUTES).',
  },
];

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
    rules: { 'no-restricted-syntax': ['error', ...VOCABULARY_COPIES] },
  },
  {
    // Routes declared once (api/routes.ts): the handlers register from it and the pages build their
    // addresses with routePath, so no route string is written by hand there (Dataverse's own
    // /api/data/ is not one of ours). One block with the vocabulary's selectors: a later block's
    // options for a rule replace an earlier one's.
    files: ['functions/src/handlers/**/*.ts', 'webresources/**/*.ts', 'webresources/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...VOCABULARY_COPIES, ...HAND_BUILT_ROUTES] },
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
