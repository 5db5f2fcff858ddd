/** The emulator's solution import: `importSolution(organization, zipBytes)`. */
export { importSolution } from './import-solution';
export { SolutionImportError, IMPORT_ERROR } from './import-error';
export type { ImportedSolution, TargetOrganization, EnvironmentVariableDefinition } from './imported-solution';
