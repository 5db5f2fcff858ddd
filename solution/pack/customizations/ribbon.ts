/**
 * RibbonDiffXml of a table's main form: one button per command, each a JavaScriptFunction of the
 * ribbon library called with the form (PrimaryControl), each enabled by a CustomRule of the same
 * library (Unified Interface waits for a returned Promise). The buttons carry no DisplayRule: the
 * enable rules decide, since they can read the user's roles and the record, which display rules
 * cannot. Ids follow the usual `<prefix>.<table>.<name>.<kind>` pattern so they never collide with
 * Microsoft's or another solution's.
 */
import type { Label } from '../../model/labels';
import type { RibbonButtonDef, TableRibbonDef } from '../solution-input';
import { el, type XmlElement } from '../xml';
import { localizedItems } from './labels';

/** Sequence of the first button in the form's Actions group; the next ones follow by 10. */
const FIRST_SEQUENCE = 900;

function ribbonIds(entity: string, button: RibbonButtonDef) {
  const base = `dtclm.${entity}.${button.key}`;
  return {
    customAction: `${base}.CustomAction`,
    button: `${base}.Button`,
    command: `${base}.Command`,
    enableRule: `${base}.EnableRule`,
    label: `${base}.LabelText`,
    tooltip: `${base}.ToolTipDescription`,
  };
}

function library(ribbon: TableRibbonDef): string {
  return `$webresource:${ribbon.library}`;
}

/** The empty diff Dynamics writes for a table whose ribbon the solution leaves alone. */
export function emptyRibbonDiffXml(): XmlElement {
  return el(
    'RibbonDiffXml',
    {},
    el('CustomActions'),
    el('Templates', {}, el('RibbonTemplates', { Id: 'Mscrm.Templates' })),
    el('CommandDefinitions'),
    el('RuleDefinitions', {}, el('TabDisplayRules'), el('DisplayRules'), el('EnableRules')),
    el('LocLabels'),
  );
}

export function ribbonDiffXml(ribbon: TableRibbonDef): XmlElement {
  const { entity } = ribbon;
  const lib = library(ribbon);
  const primaryControl = () => el('CrmParameter', { Value: 'PrimaryControl' });
  return el(
    'RibbonDiffXml',
    {},
    el(
      'CustomActions',
      {},
      ribbon.buttons.map((b, i) => {
        const ids = ribbonIds(entity, b);
        const sequence = FIRST_SEQUENCE + 10 * i;
        return el(
          'CustomAction',
          { Id: ids.customAction, Location: `Mscrm.Form.${entity}.MainTab.Actions.Controls._children`, Sequence: sequence },
          el(
            'CommandUIDefinition',
            {},
            el('Button', {
              Alt: `$LocLabels:${ids.label}`,
              Command: ids.command,
              Id: ids.button,
              Image16by16: b.icon ? `$webresource:${b.icon}` : undefined,
              Image32by32: b.icon ? `$webresource:${b.icon}` : undefined,
              LabelText: `$LocLabels:${ids.label}`,
              Sequence: sequence,
              TemplateAlias: 'o1',
              ToolTipTitle: `$LocLabels:${ids.label}`,
              ToolTipDescription: `$LocLabels:${ids.tooltip}`,
              ModernImage: b.icon ? `$webresource:${b.icon}` : undefined,
            }),
          ),
        );
      }),
    ),
    el('Templates', {}, el('RibbonTemplates', { Id: 'Mscrm.Templates' })),
    el(
      'CommandDefinitions',
      {},
      ribbon.buttons.map((b) => {
        const ids = ribbonIds(entity, b);
        return el(
          'CommandDefinition',
          { Id: ids.command },
          el('EnableRules', {}, el('EnableRule', { Id: ids.enableRule })),
          el('DisplayRules'),
          el('Actions', {}, el('JavaScriptFunction', { FunctionName: b.command, Library: lib }, primaryControl())),
        );
      }),
    ),
    el(
      'RuleDefinitions',
      {},
      el('TabDisplayRules'),
      el('DisplayRules'),
      el(
        'EnableRules',
        {},
        ribbon.buttons.map((b) =>
          el(
            'EnableRule',
            { Id: ribbonIds(entity, b).enableRule },
            // Default false: the button stays disabled until the rule (or its Promise) says yes.
            el('CustomRule', { FunctionName: b.enableRule, Library: lib, Default: 'false' }, primaryControl()),
          ),
        ),
      ),
    ),
    el(
      'LocLabels',
      {},
      ribbon.buttons.flatMap((b) => {
        const ids = ribbonIds(entity, b);
        // One Title per language: Unified Interface shows the user's, else the base language's (LocLabels).
        const title = (text: Label) => el('Titles', {}, localizedItems('Title', text));
        return [el('LocLabel', { Id: ids.label }, title(b.label)), el('LocLabel', { Id: ids.tooltip }, title(b.tooltip))];
      }),
    ),
  );
}
