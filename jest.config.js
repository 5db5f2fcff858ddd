/** Jest runs TypeScript through ts-jest (transpile only; `npm run typecheck` checks types).
 * ESM-only packages (jose 6, scimmy) are transformed to CommonJS so Jest's module system can load them. */
const esmOnly = ['jose', 'scimmy'];
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // Builds the solution zip the Dataverse emulator imports, once, when dist/ has none or an outdated one.
  globalSetup: '<rootDir>/tests/global-setup.ts',
  maxWorkers: 2,
};
