/** The solution packer: solution/model and the bundled web resources in, dist/<Solution>_<version>.zip out. */
export { packSolution, solutionFiles, solutionZip, solutionZipName } from './pack-solution';
export { connectorSolutionInput, packageVersion } from './model-input';
export { customizationsXml } from './customizations';
export { solutionManifestXml, rootComponents, ROOT_COMPONENT_TYPE } from './solution-manifest';
export { environmentVariableXml, environmentVariableZipPath } from './environment-variables';
export { contentTypesXml } from './content-types';
export { readWebResources, webResourceFile } from './web-resource-files';
export { connectorRibbons, CONNECTOR_BUTTONS, RIBBON_LIBRARY, RIBBON_NAMESPACE } from './ribbon-buttons';
export type * from './solution-input';
