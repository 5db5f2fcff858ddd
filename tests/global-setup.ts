/**
 * Before any test file: the managed solution zip the Dataverse emulator imports is built if it is
 * missing or older than its sources (sandbox/built-solution-zip.ts). Done once here, with no test
 * timeout running, rather than inside the first test hook that starts an emulator; after `npm run
 * build` (CI) it only checks file dates.
 */
import { builtManagedSolutionZip } from '../sandbox/built-solution-zip';

export default function globalSetup(): void {
  builtManagedSolutionZip();
}
