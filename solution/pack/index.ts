/** The solution packer: solution/model and the bundled web resources in, dist/<Solution>_<version>.zip out. */
export { packSolution, solutionFiles, solutionZip, solutionZipName } from './pack-solution';
export { connectorSolutionInput, packageVersion } from './model-input';
export { readWebResources, webResourceFile } from './web-resource-files';
export { RIBBON_LIBRARY } from './ribbon-buttons';
export type * from './solution-input';
