/**
 * FormXml: the main forms of the connector's tables in full, and the tab added to the opportunity
 * and quote main forms as a differential form (the added tab carries `solutionaction="Added"`, the
 * way an export carries a change to a form the solution does not own; import merges it in).
 * Element order and attributes follow the reference export (shared/reference/solutions/tactec,
 * cr97b_Project main form); every id is derived from the form's and the element's keys.
 */
import type { FormCell, FormCustomizationDef, FormDef, FormTab } from '../../model/forms';
import type { Label } from '../../model/labels';
import type { AttributeDef as AnyAttributeDef, TableDef as AnyTableDef } from '../../model/types';
import { braced, nameGuid } from '../guid';
import { el, textEl, type XmlElement } from '../xml';
import { INTRODUCED_VERSION, labels } from './labels';

type AttributeDef = AnyAttributeDef<Label>;
type TableDef = AnyTableDef<Label>;
import { viewId } from './views';

/** Control class ids of the form controls (FormXml <control classid>, Microsoft's list). */
const CONTROL_CLASS: Record<string, string> = {
  String: '{4273EDBD-AC1D-40d3-9FB2-095C621B552D}',
  Url: '{71716B6C-711E-476c-8AB8-5D11542BFB47}',
  Memo: '{E0DECE4B-6FC8-4a8f-A065-082708572369}',
  Integer: '{C6D124CA-7EDA-4a60-AEA9-7FB8D318B68F}',
  DateTime: '{5B773807-9FB2-42db-97C3-7A91EFF8ADFF}',
  Picklist: '{3EF39988-22BB-4f0b-BBBE-64B5A3748AEE}',
  Boolean: '{67FAC785-CD58-4f9f-ABB3-4B7DDC6ED5ED}',
  Lookup: '{270BD3DB-D9AF-4782-9025-509E298DEC0A}',
  Owner: '{270BD3DB-D9AF-4782-9025-509E298DEC0A}',
  SubGrid: '{E7A81278-8635-4d9e-8D4D-59480B391C5B}',
  WebResource: '{9FDF5F91-88B1-47f4-AD53-C11EFC01A01D}',
  /**
   * A file column. Microsoft's class id list predates file columns and publishes none for them;
   * this is the standard field class (TextBoxControl), bound by datafieldname. Unified Interface
   * picks a bound column's control from the column's type, and imports do not tie the class id to
   * the type: the reference export binds `createdon` (a date) with the lookup class
   * (shared/reference/solutions/tactec, the card form of cr97b_Project).
   */
  File: '{4273EDBD-AC1D-40d3-9FB2-095C621B552D}',
};

export function formId(form: Pick<FormDef, 'key'>): string {
  return braced(nameGuid(`form:${form.key}`));
}

const partId = (formKey: string, ...parts: string[]) => braced(nameGuid(`form:${formKey}:${parts.join(':')}`));
const formLabels = (text: Label) => labels('labels', 'label', text);

function attributeOf(table: TableDef, logicalName: string): AttributeDef {
  const attr = table.attributes.find((a) => a.logicalName === logicalName);
  if (!attr) throw new Error(`Form of ${table.logicalName}: no column ${logicalName} (solution/model/forms.ts)`);
  return attr;
}

function fieldClass(attr: AttributeDef): string {
  const kind = attr.type === 'String' && attr.format === 'Url' ? 'Url' : attr.type;
  const classId = CONTROL_CLASS[kind];
  if (!classId) throw new Error(`No form control for ${attr.logicalName} (${attr.type})`);
  return classId;
}

function cell(formKey: string, sectionKey: string, c: FormCell, table: TableDef | undefined): XmlElement {
  if (c.kind === 'field') {
    if (!table) throw new Error(`A form customization of a system table holds only subgrids and web resources (${c.attribute})`);
    const attr = attributeOf(table, c.attribute);
    return el(
      'cell',
      { id: partId(formKey, sectionKey, c.attribute), showlabel: 'true', locklevel: '0' },
      formLabels(attr.displayName),
      el('control', { id: c.attribute, classid: fieldClass(attr), datafieldname: c.attribute, disabled: 'false' }),
    );
  }
  if (c.kind === 'webResource') {
    return el(
      'cell',
      { id: partId(formKey, sectionKey, c.key), showlabel: 'false', rowspan: c.rows, colspan: '1' },
      formLabels(c.label),
      el(
        'control',
        { id: `WebResource_${c.key}`, classid: CONTROL_CLASS.WebResource },
        el(
          'parameters',
          {},
          textEl('Url', c.webResource),
          // The page reads the record's id and table from the query string (id, typename).
          textEl('PassParameters', 'true'),
          textEl('Security', 'false'),
          textEl('Scrolling', 'auto'),
          textEl('Border', 'false'),
          textEl('ShowOnMobileClient', 'true'),
        ),
      ),
    );
  }
  return el(
    'cell',
    { id: partId(formKey, sectionKey, c.key), showlabel: 'true', rowspan: c.rows, colspan: '1' },
    formLabels(c.label),
    el(
      'control',
      { id: c.key, classid: CONTROL_CLASS.SubGrid, indicationOfSubgrid: 'true' },
      el(
        'parameters',
        {},
        textEl('ViewId', viewId(c.view)),
        textEl('IsUserView', 'false'),
        textEl('RelationshipName', c.relationship),
        textEl('TargetEntityType', c.table),
        textEl('AutoExpand', 'Fixed'),
        textEl('EnableQuickFind', 'false'),
        textEl('EnableViewPicker', 'false'),
        textEl('EnableJumpBar', 'false'),
        textEl('ChartGridMode', 'Grid'),
        textEl('RecordsPerPage', c.rows),
      ),
    ),
  );
}

function tab(formKey: string, t: FormTab, table: TableDef | undefined, added: boolean): XmlElement {
  return el(
    'tab',
    {
      name: t.key,
      id: partId(formKey, 'tab', t.key),
      IsUserDefined: '1',
      verticallayout: 'true',
      expanded: 'true',
      solutionaction: added ? 'Added' : undefined,
    },
    formLabels(t.label),
    el(
      'columns',
      {},
      el(
        'column',
        { width: '100%' },
        el(
          'sections',
          {},
          t.sections.map((s) =>
            el(
              'section',
              { name: s.key, showlabel: 'true', showbar: 'false', IsUserDefined: '1', id: partId(formKey, 'section', t.key, s.key) },
              formLabels(s.label),
              el(
                'rows',
                {},
                s.cells.map((c) => el('row', {}, cell(formKey, s.key, c, table))),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** The `<form>` of a connector table's main form: also what FormXml.xsd validates on its own. */
function mainFormBody(form: FormDef, table: TableDef): XmlElement {
  return el(
    'form',
    {},
    el(
      'tabs',
      {},
      form.tabs.map((t) => tab(form.key, t, table, false)),
    ),
    el('DisplayConditions', { Order: '0', FallbackForm: 'true' }),
  );
}

/** The `<form>` of a differential form: only the added tabs, each marked Added. */
function customizationFormBody(c: FormCustomizationDef): XmlElement {
  const key = `${c.table}.main`;
  return el(
    'form',
    {},
    el(
      'tabs',
      {},
      c.addTabs.map((t) => tab(key, t, undefined, true)),
    ),
  );
}

function systemForm(id: string, body: XmlElement, name: Label, description: Label): XmlElement {
  return el(
    'systemform',
    {},
    textEl('formid', id),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('FormPresentation', 1),
    textEl('FormActivationState', 1),
    body,
    textEl('IsCustomizable', 1),
    textEl('CanBeDeleted', 1),
    labels('LocalizedNames', 'LocalizedName', name),
    labels('Descriptions', 'Description', description),
  );
}

/** `<FormXml>` of a connector table: its main forms (type main). */
export function tableFormXml(forms: FormDef[], table: TableDef): XmlElement | null {
  const own = forms.filter((f) => f.table === table.logicalName);
  if (own.length === 0) return null;
  return el(
    'FormXml',
    {},
    el(
      'forms',
      { type: 'main' },
      own.map((f) => systemForm(formId(f), mainFormBody(f, table), f.name, f.description)),
    ),
  );
}

/** `<FormXml>` of a system table: the form it changes, carrying only the change. */
export function customizationFormXml(customizations: FormCustomizationDef[], entity: string): XmlElement | null {
  const own = customizations.filter((c) => c.table === entity);
  if (own.length === 0) return null;
  return el(
    'FormXml',
    {},
    el(
      'forms',
      { type: 'main' },
      own.map((c) => el('systemform', {}, textEl('formid', braced(c.formId)), customizationFormBody(c), labels('LocalizedNames', 'LocalizedName', c.formName))),
    ),
  );
}
