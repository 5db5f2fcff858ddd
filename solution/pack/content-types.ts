/**
 * [Content_Types].xml of the solution zip (Open Packaging Conventions): one Default per file
 * extension in the zip, all application/octet-stream as Dynamics writes them. Written with a BOM
 * and on one line, like the exports.
 */
import { el, serialize } from './xml';

const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';

/** The extensions of the zip's files, xml first, then the others sorted. */
function extensionsOf(paths: string[]): string[] {
  const exts = new Set<string>(['xml']);
  for (const p of paths) {
    const base = p.split('/').pop() ?? p;
    const dot = base.lastIndexOf('.');
    if (dot <= 0) throw new Error(`${p}: every file in the solution zip needs an extension (its content type comes from it)`);
    exts.add(base.slice(dot + 1).toLowerCase());
  }
  return ['xml', ...[...exts].filter((e) => e !== 'xml').sort()];
}

export function contentTypesXml(paths: string[]): string {
  const doc = el(
    'Types',
    { xmlns: CONTENT_TYPES_NS },
    extensionsOf(paths).map((e) => el('Default', { Extension: e, ContentType: 'application/octet-stream' })),
  );
  return '\uFEFF' + serialize(doc).replace(/\n\s*/g, '').trimEnd();
}
