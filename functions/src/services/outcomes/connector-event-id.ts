/**
 * Ids that make the connector's own actions happen once: a name-based UUID of what they are about,
 * so a retry (or another instance) arrives at the same id and Dataverse's key refuses the second
 * row. The event id of such an action is `connector:<uuid>` (dataverse-model.md).
 */
import { createHash } from 'node:crypto';

/** A UUID (RFC 9562 layout, version 8: custom) from a name; the same name always gives the same id. */
export function nameBasedUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function connectorEventId(name: string): string {
  return `connector:${nameBasedUuid(name)}`;
}
