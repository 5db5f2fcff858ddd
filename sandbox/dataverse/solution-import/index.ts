/** The emulator's solution import: `importSolution(organization, zipBytes)`. */
export { importSolution } from './import-solution';
export { SolutionImportError } from './import-error';
export type { ImportedSolution, TargetOrganization } from './imported-solution';
