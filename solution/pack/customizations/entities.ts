/**
 * The `<Entity>` elements of customizations.xml: the connector's own tables in full, and the
 * system tables it only adds buttons to (opportunity, quote) as a name and a RibbonDiffXml, the way
 * a solution that holds a system table "without metadata" exports it.
 */
import type { Label } from '../../model/labels';
import type { AlternateKeyDef as AnyAlternateKeyDef, TableDef as AnyTableDef } from '../../model/types';
import { SYSTEM_TABLES } from '../names';
import type { FormCustomizationDef, FormDef } from '../../model/forms';
import type { ViewDef } from '../../model/views';
import type { TableRibbonDef } from '../solution-input';
import { el, textEl, type XmlElement } from '../xml';
import { tableAttributes } from './attributes';
import { customizationFormXml, tableFormXml } from './forms';
import { descriptions, displayNames, INTRODUCED_VERSION, LANGUAGE_CODE, labels } from './labels';
import { emptyRibbonDiffXml, ribbonDiffXml } from './ribbon';
import { tableSavedQueries } from './views';

type AlternateKeyDef = AnyAlternateKeyDef<Label>;
type TableDef = AnyTableDef<Label>;

function entityKeys(keys: AlternateKeyDef[]): XmlElement {
  return el(
    'EntityKeys',
    {},
    keys.map((k) =>
      el(
        'EntityKey',
        {},
        textEl('Name', k.schemaName),
        textEl('LogicalName', k.logicalName),
        el(
          'EntityKeyAttributes',
          {},
          k.attributes.map((a) => textEl('AttributeName', a)),
        ),
        textEl('IntroducedVersion', INTRODUCED_VERSION),
        textEl('IsCustomizable', 1),
        displayNames(k.displayName),
      ),
    ),
  );
}

/** The entity-level flags of a custom table, as an export writes them (9.0 elements only). */
function entityFlags(table: TableDef): XmlElement[] {
  const flags: Array<[string, string | number]> = [
    ['EntitySetName', table.entitySetName],
    ['IsDuplicateCheckSupported', 1],
    ['IsBusinessProcessEnabled', 0],
    ['IsRequiredOffline', 0],
    ['IsInteractionCentricEnabled', 0],
    ['IsCollaboration', 0],
    ['AutoRouteToOwnerQueue', 0],
    ['IsConnectionsEnabled', 0],
    ['IsDocumentManagementEnabled', 0],
    ['IsOneNoteIntegrationEnabled', 0],
    ['IsKnowledgeManagementEnabled', 0],
    ['IsSLAEnabled', 0],
    ['IsDocumentRecommendationsEnabled', 0],
    ['IsBPFEntity', 0],
    ['OwnershipTypeMask', table.ownershipType === 'OrganizationOwned' ? 'OrgOwned' : 'UserOwned'],
    ['IsAuditEnabled', 0],
    ['IsActivity', 0],
    ['ActivityTypeMask', 'CommunicationActivity'],
    ['IsActivityParty', 0],
    ['IsReplicated', 0],
    ['IsReplicationUserFiltered', 0],
    ['IsMailMergeEnabled', 0],
    ['IsVisibleInMobile', 0],
    ['IsVisibleInMobileClient', 1],
    ['IsReadOnlyInMobileClient', 0],
    ['IsOfflineInMobileClient', 0],
    ['DaysSinceRecordLastModified', 0],
    ['IsMapiGridEnabled', 1],
    ['IsReadingPaneEnabled', 1],
    ['IsQuickCreateEnabled', 0],
    ['SyncToExternalSearchIndex', 0],
    ['IntroducedVersion', INTRODUCED_VERSION],
    ['IsCustomizable', 1],
    ['IsRenameable', 1],
    ['IsMappable', 1],
    ['CanCreateAttributes', 1],
    ['CanCreateForms', 1],
    ['CanCreateCharts', 1],
    ['CanCreateViews', 1],
    ['CanEnableSyncToExternalSearchIndex', 1],
    ['EnforceStateTransitions', 0],
    ['CanChangeHierarchicalRelationship', 1],
    ['EntityHelpUrlEnabled', 0],
    ['ChangeTrackingEnabled', table.changeTrackingEnabled ? 1 : 0],
    ['CanChangeTrackingBeEnabled', 1],
    ['IsEnabledForExternalChannels', 0],
  ];
  return flags.map(([name, value]) => textEl(name, value));
}

export function customTableEntity(table: TableDef, forms: FormDef[], views: ViewDef[]): XmlElement {
  if (!table.isCustomEntity) throw new Error(`${table.logicalName} is not a custom table; only the connector's own tables are written in full`);
  return el(
    'Entity',
    {},
    el('Name', { LocalizedName: table.displayName[LANGUAGE_CODE], OriginalName: table.displayName[LANGUAGE_CODE] }, table.schemaName),
    el(
      'EntityInfo',
      {},
      el(
        'entity',
        { Name: table.schemaName },
        labels('LocalizedNames', 'LocalizedName', table.displayName),
        labels('LocalizedCollectionNames', 'LocalizedCollectionName', table.displayCollectionName),
        descriptions(table.description),
        tableAttributes(table),
        entityFlags(table),
        table.alternateKeys?.length ? entityKeys(table.alternateKeys) : null,
      ),
    ),
    tableFormXml(forms, table),
    tableSavedQueries(views, table),
    emptyRibbonDiffXml(),
  );
}

/**
 * A system table the solution holds without its metadata (behavior 2): only what the connector adds
 * to it, its buttons (RibbonDiffXml) and the tab merged into its main form (a differential FormXml).
 */
export function systemTableEntity(entity: string, ribbon: TableRibbonDef | undefined, formCustomizations: FormCustomizationDef[]): XmlElement {
  const sys = SYSTEM_TABLES[entity];
  if (!sys) throw new Error(`The solution changes unknown system table "${entity}" (solution/pack/names.ts)`);
  return el(
    'Entity',
    {},
    el('Name', { LocalizedName: sys.displayName, OriginalName: sys.displayName }, sys.schemaName),
    sys.objectTypeCode ? textEl('ObjectTypeCode', sys.objectTypeCode) : null,
    customizationFormXml(formCustomizations, entity),
    ribbon ? ribbonDiffXml(ribbon) : emptyRibbonDiffXml(),
  );
}

/** The system tables the solution changes: those with buttons and those with a merged tab, in first-seen order. */
export function changedSystemTables(ribbons: TableRibbonDef[], formCustomizations: FormCustomizationDef[]): string[] {
  return [...new Set([...ribbons.map((r) => r.entity), ...formCustomizations.map((c) => c.table)])];
}
