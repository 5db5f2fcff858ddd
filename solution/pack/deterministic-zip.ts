/**
 * A zip whose bytes depend on its entries only: every entry carries the same fixed date and the
 * entries keep the order given, so the same sources give the same zip (and the same sha256).
 */
import JSZip from 'jszip';

/** 1980-01-01, the earliest date a zip entry can hold: entries carry no build time. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

export interface ZipEntry {
  /** Path inside the zip, with forward slashes. */
  name: string;
  content: string | Buffer;
}

/** DOS for the solution (as Dynamics exports it), UNIX for the functions package (Linux hosts). */
export function deterministicZip(entries: Iterable<ZipEntry>, platform: 'DOS' | 'UNIX'): Promise<Buffer> {
  const zip = new JSZip();
  for (const e of entries) zip.file(e.name, e.content, { date: FIXED_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform });
}
