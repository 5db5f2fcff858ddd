/** `<WebResources>`, each with its file from the zip (FileName, without the leading slash). */
import type { ImportedWebResource } from './imported-solution';
import { IMPORT_ERROR, SolutionImportError } from './import-error';
import { normalizeId } from './tables';
import { all, textOf, type XNode } from './xml-tree';

export function readWebResources(customizations: XNode, files: Map<string, Buffer>): ImportedWebResource[] {
  return all(customizations, 'WebResources/WebResource').map((w) => {
    const name = textOf(w, 'Name') ?? '';
    const fileName = (textOf(w, 'FileName') ?? '').replace(/^\//, '');
    const content = files.get(fileName);
    if (!content) {
      throw new SolutionImportError(
        IMPORT_ERROR.invalidPackage,
        `WebResource ${name}`,
        `Web resource ${name} names the file ${fileName}, which the solution zip does not hold.`,
      );
    }
    return {
      id: normalizeId(textOf(w, 'WebResourceId') ?? ''),
      name,
      displayName: textOf(w, 'DisplayName') ?? name,
      type: Number(textOf(w, 'WebResourceType')),
      content,
    };
  });
}
