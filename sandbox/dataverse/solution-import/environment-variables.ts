/**
 * environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml: one definition per
 * file. The import makes an environmentvariabledefinition row of each; values stay empty until an
 * admin sets them (the file may carry a default value, never a current value here).
 */
import type { EnvironmentVariableDefinition } from './imported-solution';
import { parsePart } from './package';
import { labelsAt, textOf } from './xml-tree';

const DEFINITION_FILE = /^environmentvariabledefinitions\/[^/]+\/environmentvariabledefinition\.xml$/;

export function readEnvironmentVariables(files: Map<string, Buffer>): EnvironmentVariableDefinition[] {
  return [...files.keys()]
    .filter((p) => DEFINITION_FILE.test(p))
    .sort()
    .map((path) => {
      const d = parsePart(files, path);
      return {
        schemaName: d.attrs.schemaname ?? '',
        displayName: labelsAt(d, 'displayname/label') ?? d.attrs.default ?? '',
        description: labelsAt(d, 'description/label') ?? '',
        type: Number(textOf(d, 'type')),
        defaultValue: textOf(d, 'defaultvalue'),
        isRequired: textOf(d, 'isrequired') === '1',
        introducedVersion: textOf(d, 'introducedversion') ?? '1.0.0.0',
      };
    });
}
