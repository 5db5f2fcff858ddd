/** Labels and the common bits every customizations.xml component repeats. */
import { ENGLISH, SOLUTION_LANGUAGES, type Label } from '../../model/labels';
import { el, type XmlElement } from '../xml';

/**
 * The solution's base language, English (US): the `languagecode` of solution.xml. Every label is
 * written in it and in French (SOLUTION_LANGUAGES); an organization shows each user the label of
 * their language, else the base language's (Microsoft, "Create solutions that support multiple
 * languages").
 */
export const LANGUAGE_CODE = ENGLISH;

/** IntroducedVersion of every component: the version that first shipped it. All ship in the first release. */
export const INTRODUCED_VERSION = '1.0.0.0';

/** One `<item description="..." languagecode="..." />` per language of the solution. */
export function localizedItems(item: string, text: Label): XmlElement[] {
  return SOLUTION_LANGUAGES.map((code) => el(item, { description: text[code], languagecode: code }));
}

/**
 * `<wrapper><item description="..." languagecode="1033" /><item ... languagecode="1036" /></wrapper>`,
 * the shape of every localized label list. No text: the one empty base-language item an export writes.
 */
export function labels(wrapper: string, item: string, text: Label | undefined): XmlElement {
  if (text === undefined) return el(wrapper, {}, el(item, { description: '', languagecode: LANGUAGE_CODE }));
  return el(wrapper, {}, localizedItems(item, text));
}

export const displayNames = (text: Label) => labels('displaynames', 'displayname', text);
export const descriptions = (text: Label | undefined) => labels('Descriptions', 'Description', text);
