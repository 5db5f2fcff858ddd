/**
 * The command bar of a table's main form, read from the RibbonDiffXml in the built solution zip
 * (customizations.xml), so the harness shows and runs exactly what Dynamics would import: button
 * ids, labels (LocLabels), icons, sequence, the JavaScriptFunction of each command and its enable
 * and display rules. Only CustomRule enable rules are evaluated (the solution uses no other kind);
 * any other rule is reported so a change in the XML cannot pass unnoticed.
 */
import { child, customizationsParser, list, readCustomizationsXml, type XmlNode as Node } from './solution-xml';

interface RibbonFunction {
  library: string;
  functionName: string;
  parameters: string[];
}

interface RibbonRule extends RibbonFunction {
  default: boolean;
}

export interface RibbonButton {
  id: string;
  label: string;
  tooltip: string;
  /** Web resource name of the icon. */
  icon?: string;
  sequence: number;
  command: RibbonFunction;
  enableRules: RibbonRule[];
  displayRules: RibbonRule[];
  /** Rules of kinds the harness does not evaluate. */
  unsupportedRules: string[];
}

const LIST_TAGS = new Set([
  'Entity',
  'CustomAction',
  'CommandDefinition',
  'EnableRule',
  'DisplayRule',
  'LocLabel',
  'Title',
  'CrmParameter',
  'JavaScriptFunction',
  'CustomRule',
]);

const parser = customizationsParser(LIST_TAGS);

function webresource(ref: unknown): string {
  return String(ref ?? '').replace(/^\$webresource:/, '');
}

function fn(node: Node): RibbonFunction {
  return {
    library: webresource(node.Library),
    functionName: String(node.FunctionName),
    parameters: list(node, 'CrmParameter').map((p) => String(p.Value)),
  };
}

function entityName(entity: Node): string {
  const name = entity.Name;
  const text = typeof name === 'object' && name ? (name as Node)['#text'] : name;
  return String(text ?? '').toLowerCase();
}

function ribbonFromCustomizations(xml: string): Record<string, RibbonButton[]> {
  const doc = parser.parse(xml) as Node;
  const entities = list(child(child(doc, 'ImportExportXml'), 'Entities'), 'Entity');
  const out: Record<string, RibbonButton[]> = {};
  for (const entity of entities) {
    const diff = child(entity, 'RibbonDiffXml');
    const actions = list(child(diff, 'CustomActions'), 'CustomAction');
    if (actions.length === 0) continue;
    const labels = new Map(
      list(child(diff, 'LocLabels'), 'LocLabel').map((l) => {
        const titles = list(child(l, 'Titles'), 'Title');
        const title = titles.find((t) => String(t.languagecode) === '1033') ?? titles[0];
        return [String(l.Id), String(title?.description ?? '')];
      }),
    );
    const label = (ref: unknown) => {
      const text = String(ref ?? '');
      return text.startsWith('$LocLabels:') ? (labels.get(text.slice('$LocLabels:'.length)) ?? text) : text;
    };
    const rules = child(diff, 'RuleDefinitions');
    const ruleIndex = (kind: 'EnableRules' | 'DisplayRules', tag: 'EnableRule' | 'DisplayRule') =>
      new Map(list(child(rules, kind), tag).map((r) => [String(r.Id), r]));
    const enableIndex = ruleIndex('EnableRules', 'EnableRule');
    const displayIndex = ruleIndex('DisplayRules', 'DisplayRule');
    const commands = new Map(list(child(diff, 'CommandDefinitions'), 'CommandDefinition').map((c) => [String(c.Id), c]));

    out[entityName(entity)] = actions
      .map((action): RibbonButton => {
        const button = child(child(action, 'CommandUIDefinition'), 'Button') ?? {};
        const command = commands.get(String(button.Command));
        const js = list(child(command, 'Actions'), 'JavaScriptFunction')[0];
        if (!command || !js) throw new Error(`Ribbon button ${String(button.Id)}: command ${String(button.Command)} has no JavaScriptFunction`);
        const unsupported: string[] = [];
        const resolve = (ids: Node[], index: Map<string, Node>): RibbonRule[] =>
          ids.flatMap((ref) => {
            const rule = index.get(String(ref.Id));
            const custom = list(rule, 'CustomRule');
            if (!rule || custom.length === 0) {
              unsupported.push(String(ref.Id));
              return [];
            }
            return custom.map((c) => ({ ...fn(c), default: String(c.Default ?? 'true') === 'true' }));
          });
        return {
          id: String(button.Id),
          label: label(button.LabelText),
          tooltip: label(button.ToolTipDescription),
          icon: button.ModernImage ? webresource(button.ModernImage) : button.Image16by16 ? webresource(button.Image16by16) : undefined,
          sequence: Number(button.Sequence ?? action.Sequence ?? 0),
          command: fn(js),
          enableRules: resolve(list(child(command, 'EnableRules'), 'EnableRule'), enableIndex),
          displayRules: resolve(list(child(command, 'DisplayRules'), 'DisplayRule'), displayIndex),
          unsupportedRules: unsupported,
        };
      })
      .sort((a, b) => a.sequence - b.sequence);
  }
  return out;
}

export async function ribbonFromSolutionZip(zipPath: string): Promise<Record<string, RibbonButton[]>> {
  return ribbonFromCustomizations(await readCustomizationsXml(zipPath));
}
