/** Where the build tests find the repository, Microsoft's schemas and the reference exports (../shared beside the repo). */
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');
export const XSD_DIR = join(SHARED_DIR, 'xsd');
export const CUSTOMIZATIONS_XSD = join(XSD_DIR, 'CustomizationsSolution.xsd');
export const REFERENCE_SOLUTIONS_DIR = join(SHARED_DIR, 'reference', 'solutions');
