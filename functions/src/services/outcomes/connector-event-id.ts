/**
 * The event id of one of the connector's own actions that must be recorded once (dataverse-model.md:
 * `connector:<uuid>`): a name-based UUID of what it is about, so a retry writes the same id and the
 * `dtclm_eventid` alternate key refuses the second row.
 */
import { createHash } from 'node:crypto';

export function connectorEventId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  // RFC 9562 layout with version 8 (custom) and the variant bits set.
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `connector:${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
