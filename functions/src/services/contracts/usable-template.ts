/**
 * A template whose mapping template sync marked Broken (the template changed in the CLM and the
 * mapping no longer fits) is refused before anything is read or sent: 409 telling the salesperson
 * to ask their admin, instead of a CLM 422 they cannot act on.
 */
import { ConflictError } from '../errors';
import type { TemplateHeader } from './ports';

export function refuseBrokenMapping(template: TemplateHeader): void {
  if (!template.mappingBroken) return;
  throw new ConflictError(
    `The template "${template.name}" changed in the CLM and its mapping no longer fits it: ask your connector administrator to update the mapping, then try again.`,
  );
}
