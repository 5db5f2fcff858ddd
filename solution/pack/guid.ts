/**
 * Deterministic GUIDs: the same name gives the same id in every build, so two builds of the same
 * sources give byte-identical XML, and a re-imported solution updates its components instead of
 * adding new ones. RFC 4122 version 5 (SHA-1, name-based) under a namespace of our own.
 */
import { createHash } from 'node:crypto';

/** Namespace of the DiliTrust CLM connector's solution components (a fixed, random v4 UUID). */
const CONNECTOR_NAMESPACE = '6f1c1f4e-9b7a-4d0e-8a51-7189000c0a7e';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** UUID v5 of `name` (e.g. "webresource:dtclm_/js/ribbon.js"), lower case, without braces. */
export function nameGuid(name: string, namespace = CONNECTOR_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A GUID as Dynamics writes it in solution files: lower case in braces. */
export function braced(guid: string): string {
  const bare = guid.replace(/^\{|\}$/g, '').toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(bare)) throw new Error(`Not a GUID: ${guid}`);
  return `{${bare}}`;
}
