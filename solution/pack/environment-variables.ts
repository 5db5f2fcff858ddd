/**
 * environmentvariabledefinitions/<schemaname>/environmentvariabledefinition.xml: one file per
 * environment variable, outside customizations.xml, in the shape Dataverse exports (elements in
 * alphabetical order, labels with a default). No schema exists for it; the tests check the shape.
 */
import type { EnvironmentVariableDef } from '../model/environment-variables';
import type { Label } from '../model/labels';
import { INTRODUCED_VERSION, LANGUAGE_CODE, localizedItems } from './customizations/labels';
import { el, serialize, textEl, type XmlElement } from './xml';

export function environmentVariableZipPath(schemaName: string): string {
  return `environmentvariabledefinitions/${schemaName}/environmentvariabledefinition.xml`;
}

/** `default` is the base language's text, as an export writes it; then one label per language. */
function labelled(name: string, text: Label): XmlElement {
  return el(name, { default: text[LANGUAGE_CODE] }, localizedItems('label', text));
}

function environmentVariableDocument(v: EnvironmentVariableDef): XmlElement {
  return el(
    'environmentvariabledefinition',
    { schemaname: v.schemaName },
    v.defaultValue !== undefined ? textEl('defaultvalue', v.defaultValue) : null,
    labelled('description', v.description),
    labelled('displayname', v.displayName),
    textEl('introducedversion', INTRODUCED_VERSION),
    textEl('iscustomizable', 1),
    textEl('isrequired', v.isRequired ? 1 : 0),
    // Secret values live in Azure Key Vault; none of the connector's variables is one.
    textEl('secretstore', v.type === 'Secret' ? 1 : 0),
    textEl('type', v.typeCode),
  );
}

export function environmentVariableXml(v: EnvironmentVariableDef): string {
  return serialize(environmentVariableDocument(v), { declaration: false });
}
