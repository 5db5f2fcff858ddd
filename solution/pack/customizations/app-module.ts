/**
 * The model-driven app of solution/model/app.ts: `<AppModuleSiteMaps>` (its site map, named as the
 * app) and `<AppModules>` (its components and the roles that see it), 9.0 elements only.
 * Component types in AppModuleComponents: 1 table, 26 view, 60 form, 62 site map.
 */
import type { AppDef, SubAreaDef } from '../../model/app';
import { braced } from '../guid';
import { el, textEl, type XmlElement } from '../xml';
import { formId } from './forms';
import { SOLUTION_LANGUAGES, type Label } from '../../model/labels';
import { INTRODUCED_VERSION, labels, LANGUAGE_CODE } from './labels';
import { viewId } from './views';

/** Dataverse's default app tile image (a system web resource every environment has). */
const DEFAULT_APP_ICON_WEB_RESOURCE_ID = '953b9fac-1e5e-e611-80d6-00155ded156f';

/** AppModule.FormFactor 1 (main: browser), ClientType 4 (Unified Interface). */
const FORM_FACTOR_MAIN = 1;
const CLIENT_TYPE_UNIFIED_INTERFACE = 4;

/** A site map title per language (SiteMap `<Titles>`: one `<Title LCID>` per language the solution supports). */
const titles = (text: Label) =>
  el(
    'Titles',
    {},
    SOLUTION_LANGUAGES.map((code) => el('Title', { LCID: code, Title: text[code] })),
  );

function subArea(s: SubAreaDef): XmlElement {
  return el(
    'SubArea',
    {
      Id: s.key,
      Entity: s.kind === 'table' ? s.table : undefined,
      Url: s.kind === 'webResource' ? `$webresource:${s.webResource}` : undefined,
      Client: 'All',
      AvailableOffline: 'false',
      PassParams: 'false',
    },
    titles(s.label),
  );
}

function siteMap(app: AppDef): XmlElement {
  return el(
    'SiteMap',
    { IntroducedVersion: '7.0.0.0' },
    el(
      'Area',
      { Id: app.area.key, ShowGroups: 'true', IntroducedVersion: '7.0.0.0' },
      titles(app.area.label),
      app.area.groups.map((g) => el('Group', { Id: g.key, IsProfile: 'false', IntroducedVersion: '7.0.0.0' }, titles(g.label), g.subAreas.map(subArea))),
    ),
  );
}

export function appModuleSiteMaps(app: AppDef): XmlElement {
  return el(
    'AppModuleSiteMaps',
    {},
    el(
      'AppModuleSiteMap',
      {},
      textEl('SiteMapUniqueName', app.uniqueName),
      textEl('SiteMapName', app.displayName[LANGUAGE_CODE]),
      siteMap(app),
      labels('LocalizedNames', 'LocalizedName', app.displayName),
    ),
  );
}

export function appModules(app: AppDef): XmlElement {
  return el(
    'AppModules',
    {},
    el(
      'AppModule',
      {},
      textEl('UniqueName', app.uniqueName),
      textEl('IntroducedVersion', INTRODUCED_VERSION),
      textEl('WebResourceId', DEFAULT_APP_ICON_WEB_RESOURCE_ID),
      textEl('FormFactor', FORM_FACTOR_MAIN),
      textEl('ClientType', CLIENT_TYPE_UNIFIED_INTERFACE),
      el(
        'AppModuleComponents',
        {},
        el('AppModuleComponent', { type: 62, schemaName: app.uniqueName }),
        app.tables.map((t) => el('AppModuleComponent', { type: 1, schemaName: t })),
        app.forms.map((f) => el('AppModuleComponent', { type: 60, id: formId({ key: f }) })),
        app.views.map((v) => el('AppModuleComponent', { type: 26, id: viewId(v) })),
      ),
      el(
        'AppModuleRoleMaps',
        {},
        app.roleIds.map((id) => el('Role', { id: braced(id) })),
      ),
      labels('LocalizedNames', 'LocalizedName', app.displayName),
      labels('Descriptions', 'Description', app.description),
    ),
  );
}
