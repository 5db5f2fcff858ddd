/** The connector's global choices as the `<optionsets>` of customizations.xml. */
import type { Label } from '../../model/labels';
import type { OptionSetDef as AnyOptionSetDef } from '../../model/types';
import { el, textEl, type XmlElement } from '../xml';
import { descriptions, displayNames, INTRODUCED_VERSION, labels, LANGUAGE_CODE } from './labels';

type OptionSetDef = AnyOptionSetDef<Label>;

function globalOptionSet(set: OptionSetDef): XmlElement {
  if (!set.isGlobal) throw new Error(`${set.name} is a local choice; it is written with its column`);
  return el(
    'optionset',
    { Name: set.name, localizedName: set.displayName[LANGUAGE_CODE], description: '' },
    textEl('OptionSetType', 'picklist'),
    textEl('IsGlobal', 1),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('IsCustomizable', 1),
    displayNames(set.displayName),
    descriptions(undefined),
    el(
      'options',
      {},
      set.options.map((o) => el('option', { value: o.value }, labels('labels', 'label', o.label))),
    ),
  );
}

export function optionSets(sets: OptionSetDef[]): XmlElement {
  return el('optionsets', {}, sets.filter((s) => s.isGlobal).map(globalOptionSet));
}
