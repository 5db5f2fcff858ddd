// @microsoft/eslint-plugin-power-apps ships JavaScript only: its shape, as ESLint sees any plugin.
declare module '@microsoft/eslint-plugin-power-apps' {
  import type { ESLint } from 'eslint';
  const plugin: ESLint.Plugin & { rules: NonNullable<ESLint.Plugin['rules']> };
  export = plugin;
}
