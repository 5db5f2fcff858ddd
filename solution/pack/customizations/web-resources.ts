/** The `<WebResources>` of customizations.xml; each file sits in the zip at its FileName. */
import { braced, nameGuid } from '../guid';
import type { WebResourceFile } from '../solution-input';
import { el, textEl, type XmlElement } from '../xml';
import { INTRODUCED_VERSION } from './labels';

/** Path of a web resource's content inside the solution zip (FileName without the leading slash). */
export function webResourceZipPath(name: string): string {
  return `WebResources/${name}`;
}

/** Id of a web resource: derived from its name, so the same resource keeps its id from build to build. */
function webResourceId(name: string): string {
  return braced(nameGuid(`webresource:${name}`));
}

export function webResourcesXml(files: WebResourceFile[]): XmlElement {
  return el(
    'WebResources',
    {},
    files.map((f) =>
      el(
        'WebResource',
        {},
        textEl('WebResourceId', webResourceId(f.name)),
        textEl('Name', f.name),
        textEl('DisplayName', f.displayName),
        f.description ? textEl('Description', f.description) : null,
        textEl('WebResourceType', f.type),
        textEl('IntroducedVersion', INTRODUCED_VERSION),
        textEl('IsEnabledForMobileClient', 0),
        textEl('IsAvailableForMobileOffline', 0),
        textEl('IsCustomizable', 1),
        textEl('CanBeDeleted', 1),
        textEl('IsHidden', 0),
        textEl('FileName', `/${webResourceZipPath(f.name)}`),
      ),
    ),
  );
}
