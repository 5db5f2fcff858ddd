/**
 * `<SavedQueries>` of a connector table: each view of solution/model/views.ts as a SavedQuery with
 * its FetchXML and grid layout, elements in the order of the reference export
 * (shared/reference/solutions/tactec). Ids are derived from the view's key.
 */
import type { Label } from '../../model/labels';
import type { TableDef as AnyTableDef } from '../../model/types';
import { VIEW_QUERY_TYPE, type ViewCondition, type ViewDef } from '../../model/views';
import { braced, nameGuid } from '../guid';
import { el, textEl, type XmlElement } from '../xml';
import { INTRODUCED_VERSION, labels, LANGUAGE_CODE } from './labels';

type TableDef = AnyTableDef<Label>;

export function viewId(key: string): string {
  return braced(nameGuid(`view:${key}`));
}

function condition(c: ViewCondition): XmlElement {
  const values = c.values ?? [];
  if (c.operator === 'in')
    return el(
      'condition',
      { attribute: c.attribute, operator: 'in' },
      values.map((v) => textEl('value', v)),
    );
  return el('condition', { attribute: c.attribute, operator: c.operator, value: values.length === 1 ? values[0] : undefined });
}

function fetchXml(view: ViewDef, table: TableDef): XmlElement {
  for (const [name] of view.columns) {
    if (!table.attributes.some((a) => a.logicalName === name)) throw new Error(`View "${view.name[LANGUAGE_CODE]}": no column ${table.logicalName}.${name}`);
  }
  const attributes = [table.primaryIdAttribute, ...view.columns.map(([name]) => name).filter((n) => n !== table.primaryIdAttribute)];
  return el(
    'fetch',
    { version: '1.0', 'output-format': 'xml-platform', mapping: 'logical' },
    el(
      'entity',
      { name: table.logicalName },
      attributes.map((a) => el('attribute', { name: a })),
      view.order ? el('order', { attribute: view.order.attribute, descending: view.order.descending ? 'true' : 'false' }) : null,
      view.conditions.length ? el('filter', { type: 'and' }, view.conditions.map(condition)) : null,
      view.quickFindColumns?.length
        ? el(
            'filter',
            { type: 'or', isquickfindfields: '1' },
            view.quickFindColumns.map((a) => el('condition', { attribute: a, operator: 'like', value: '{0}' })),
          )
        : null,
    ),
  );
}

/**
 * The grid of a view. As the reference export writes them, an associated or lookup view's grid is
 * named after the table's collection and its row after the table; a lookup view has no preview.
 */
function layoutXml(view: ViewDef, table: TableDef): XmlElement {
  const related = view.queryType === VIEW_QUERY_TYPE.associated || view.queryType === VIEW_QUERY_TYPE.lookup;
  const preview = view.queryType === VIEW_QUERY_TYPE.lookup ? '0' : '1';
  return el(
    'layoutxml',
    {},
    el(
      'grid',
      { name: related ? table.entitySetName : 'resultset', jump: table.primaryNameAttribute, select: '1', icon: '1', preview },
      el(
        'row',
        { name: related ? table.logicalName : 'result', id: table.primaryIdAttribute },
        view.columns.map(([name, width]) => el('cell', { name, width })),
      ),
    ),
  );
}

function savedQuery(view: ViewDef, table: TableDef): XmlElement {
  return el(
    'savedquery',
    {},
    textEl('IsCustomizable', 1),
    textEl('CanBeDeleted', view.isDefault ? 0 : 1),
    textEl('isquickfindquery', view.quickFindColumns?.length ? 1 : 0),
    textEl('isprivate', 0),
    textEl('isdefault', view.isDefault ? 1 : 0),
    textEl('savedqueryid', viewId(view.key)),
    layoutXml(view, table),
    textEl('querytype', view.queryType),
    el('fetchxml', {}, fetchXml(view, table)),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    labels('LocalizedNames', 'LocalizedName', view.name),
    view.description ? labels('Descriptions', 'Description', view.description) : null,
  );
}

export function tableSavedQueries(views: ViewDef[], table: TableDef): XmlElement | null {
  const own = views.filter((v) => v.table === table.logicalName);
  if (own.length === 0) return null;
  return el(
    'SavedQueries',
    {},
    el(
      'savedqueries',
      {},
      own.map((v) => savedQuery(v, table)),
    ),
  );
}
