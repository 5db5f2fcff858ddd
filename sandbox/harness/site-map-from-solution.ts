/**
 * The app's site map, read from the built solution zip (AppModuleSiteMaps > SiteMap in
 * customizations.xml), so the harness's navigation offers the web resource pages the app's site
 * map offers (the Settings area's admin page), under the labels the admin will see in Dynamics.
 * Table subareas are listed too: the harness has no list views, so it shows them as text.
 */
import { child, customizationsParser, list, readCustomizationsXml } from './solution-xml';

export interface SiteMapSubArea {
  id: string;
  title: string;
  /** The web resource a `$webresource:` subarea opens. */
  webResource?: string;
  /** The table a table subarea lists. */
  table?: string;
}

const parser = customizationsParser(new Set(['AppModuleSiteMap', 'Area', 'Group', 'SubArea', 'Title']));

function title(node: unknown): string {
  const titles = list(child(node, 'Titles'), 'Title');
  return String((titles.find((t) => String(t.LCID) === '1033') ?? titles[0])?.Title ?? '');
}

function siteMapFromCustomizations(xml: string): SiteMapSubArea[] {
  const doc = parser.parse(xml) as Record<string, unknown>;
  const maps = list(child(child(doc, 'ImportExportXml'), 'AppModuleSiteMaps'), 'AppModuleSiteMap');
  return maps.flatMap((m) =>
    list(child(m, 'SiteMap'), 'Area').flatMap((area) =>
      list(area, 'Group').flatMap((group) =>
        list(group, 'SubArea').map((s): SiteMapSubArea => {
          const url = String(s.Url ?? '');
          return {
            id: String(s.Id),
            title: title(s),
            ...(url.startsWith('$webresource:') ? { webResource: url.slice('$webresource:'.length) } : {}),
            ...(s.Entity ? { table: String(s.Entity) } : {}),
          };
        }),
      ),
    ),
  );
}

export async function siteMapFromSolutionZip(zipPath: string): Promise<SiteMapSubArea[]> {
  return siteMapFromCustomizations(await readCustomizationsXml(zipPath));
}
