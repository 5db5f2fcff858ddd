/**
 * `tsx scripts/build-solution.ts [outDir]`: the web resources and both solution zips only (no
 * functions package), for the sandbox when dist/ has no fresh solution zip to import.
 */
import { buildSolution } from './build';
import { BuildError } from './build-common';

buildSolution(process.argv[2]).then(
  (r) => console.log(`Built ${r.managedSolutionZip} and ${r.solutionZip}`),
  (err: unknown) => {
    console.error(`Build failed: ${err instanceof Error ? err.message : String(err)}`);
    if (!(err instanceof BuildError) && err instanceof Error && err.stack) console.error(err.stack);
    process.exit(1);
  },
);
