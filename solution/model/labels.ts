/**
 * The languages the solution ships (dataverse-model.md: English 1033 and French 1036) and the
 * label type that holds a text in each. A component of the connector carries a `Label`, so a label
 * without its French twin does not typecheck. Dataverse's own tables, as the emulator describes
 * them, may carry a plain string: their base-language (1033) text only.
 */

/** English (United States), the solution's base language, and French (France): Dataverse's LCIDs. */
export const ENGLISH = 1033;
const FRENCH = 1036;
export const SOLUTION_LANGUAGES = [ENGLISH, FRENCH] as const;
type SolutionLanguage = (typeof SOLUTION_LANGUAGES)[number];

/** A label in every language the solution ships (LocalizedLabel per LanguageCode). */
export type Label = { readonly [L in SolutionLanguage]: string };

/**
 * A label as Dataverse holds one: a text per language code, or a plain string for a text known in
 * the base language (1033) only.
 */
export type LabelText = string | { readonly [languageCode: number]: string | undefined };

/** A label of the connector: its English text, then its French twin. */
export function label(en: string, fr: string): Label {
  return { [ENGLISH]: en, [FRENCH]: fr } as Label;
}

/** The texts of a label by language code, base language first. */
export function labelTexts(text: LabelText | undefined): Array<[languageCode: number, text: string]> {
  if (text === undefined) return [];
  if (typeof text === 'string') return text === '' ? [] : [[ENGLISH, text]];
  return Object.entries(text)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([code, t]) => [Number(code), t] as [number, string])
    .sort((a, b) => (a[0] === ENGLISH ? -1 : b[0] === ENGLISH ? 1 : a[0] - b[0]));
}

/**
 * The text of a label in a language, else in the base language: what Dataverse shows a user whose
 * language has no text for it (Microsoft, "Create solutions that support multiple languages": the
 * label of the organization's base language is shown).
 */
export function textIn(text: LabelText | undefined, languageCode: number = ENGLISH): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[languageCode] ?? text[ENGLISH] ?? labelTexts(text)[0]?.[1] ?? '';
}

/** A label whose every text is transformed the same way (e.g. "<name> (Base)"). */
export function mapLabel<L extends LabelText>(text: L, f: (t: string, languageCode: number) => string): L {
  if (typeof text === 'string') return f(text, ENGLISH) as L;
  return Object.fromEntries(labelTexts(text).map(([code, t]) => [code, f(t, code)])) as unknown as L;
}
