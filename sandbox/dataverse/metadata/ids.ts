/**
 * Deterministic MetadataIds: a name-based UUID (version 5, SHA-1) of what the metadata describes,
 * so that every start of the emulator answers the same ids, as a real environment does.
 */
import { createHash } from 'node:crypto';

/** The emulator's own namespace for name-based UUIDs. */
const NAMESPACE = '3b1e0c9a-6a52-4c1f-9d7e-5a0d2f6c8e11';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function uuidV5(name: string, namespace: string = NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** MetadataId of one piece of metadata: `metadataId('entity', 'account')`, `metadataId('attribute', 'account.name')`. */
export function metadataId(kind: string, name: string): string {
  return uuidV5(`${kind}:${name}`);
}
