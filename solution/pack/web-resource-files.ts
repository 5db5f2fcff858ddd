/**
 * The web resources the solution ships: every file webpack wrote below dist/webresources/, named
 * by its path there (dtclm_/js/ribbon.js). The path is the web resource name, so pages find each
 * other by relative URLs in Dynamics just as in dist/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { WEB_RESOURCE_TYPE, type WebResourceFile } from './solution-input';

/** Display names of the web resources dataverse-model.md names; the others show their file name. */
const DISPLAY_NAMES: Record<string, { displayName: string; description: string }> = {
  'dtclm_/js/ribbon.js': {
    displayName: 'DiliTrust CLM ribbon',
    description: 'Ribbon commands and enable rules for opportunity and quote (DiliTrustCLM.Ribbon).',
  },
  'dtclm_/html/requestcontract.html': { displayName: 'DiliTrust CLM Request Contract', description: 'The Request Contract dialog.' },
  'dtclm_/html/contractstatus.html': { displayName: 'DiliTrust CLM Contract Status', description: 'The contract status panel.' },
  'dtclm_/html/signin.html': {
    displayName: 'DiliTrust CLM Sign-in',
    description: "The sign-in redirect page (msal-browser's redirect bridge): the SPA redirect URI of the connector's app registration.",
  },
  'dtclm_/html/admin.html': { displayName: 'DiliTrust CLM Settings', description: 'Connector settings: health, template sync, mappings, webhook, users.' },
};

/** Web resource names: the publisher prefix, then letters, digits, _ - . and / (Dataverse's rule). */
const NAME = /^dtclm_\/[A-Za-z0-9_\-./]+$/;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = join(dir, entry);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

function webResourceType(name: string): number {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const type = (WEB_RESOURCE_TYPE as Record<string, number>)[ext === 'htm' ? 'html' : ext === 'jpeg' ? 'jpg' : ext];
  if (!type) throw new Error(`${name}: ".${ext}" is not a web resource type Dataverse accepts`);
  return type;
}

export function webResourceFile(name: string, content: Buffer): WebResourceFile {
  if (!NAME.test(name)) throw new Error(`"${name}" is not a valid web resource name for this publisher (dtclm_/...)`);
  const known = DISPLAY_NAMES[name];
  return {
    name,
    displayName: known?.displayName ?? name.slice(name.lastIndexOf('/') + 1),
    ...(known ? { description: known.description } : {}),
    type: webResourceType(name),
    content,
  };
}

/** Every file below `dir` as a web resource, sorted by name; source maps and licence notes stay out. */
export function readWebResources(dir: string): WebResourceFile[] {
  const files = walk(dir)
    .map((full) => ({ full, name: relative(dir, full).split(sep).join('/') }))
    .filter(({ name }) => !name.endsWith('.map') && !name.endsWith('.LICENSE.txt'));
  if (files.length === 0) throw new Error(`No web resources in ${dir}: run webpack first`);
  return files.map(({ full, name }) => webResourceFile(name, readFileSync(full))).sort((a, b) => (a.name < b.name ? -1 : 1));
}
