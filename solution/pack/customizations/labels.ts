/** Labels and the common bits every customizations.xml component repeats. */
import { el, type XmlElement } from '../xml';

/** The solution is written in English (US); Dataverse shows these labels until someone translates them. */
export const LANGUAGE_CODE = 1033;

/** IntroducedVersion of every component: the version that first shipped it. All ship in the first release. */
export const INTRODUCED_VERSION = '1.0.0.0';

/** `<wrapper><item description="..." languagecode="1033" /></wrapper>`, the shape of every localized label list. */
export function labels(wrapper: string, item: string, text: string): XmlElement {
  return el(wrapper, {}, el(item, { description: text, languagecode: LANGUAGE_CODE }));
}

export const displayNames = (text: string) => labels('displaynames', 'displayname', text);
export const descriptions = (text: string | undefined) => labels('Descriptions', 'Description', text ?? '');
