/**
 * Test control of change tracking (operations/changes.ts), so a test can see a delta token expire
 * without waiting a week:
 *   GET  /_sandbox/change-tracking               { offsetDays, expireChangeTrackingInDays }
 *   POST /_sandbox/change-tracking/age { days }  every token handed out so far is `days` older
 *   PUT  /_sandbox/change-tracking { expireChangeTrackingInDays }   Organization.ExpireChangeTrackingInDays
 *   PUT  /_sandbox/change-tracking/tables/<logical name> { enabled }  the table's Track changes
 *        (EntityMetadata.ChangeTrackingEnabled), as an admin switches it in Power Apps
 */
import type { ApiResponse } from '../http/types';
import type { Store } from '../store/store';
import { ageChangeTracking, changeTrackingState, setExpireChangeTrackingInDays } from '../operations/changes';

const json = (status: number, value: unknown): ApiResponse => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });

function positiveNumber(body: Buffer, key: string): number | undefined {
  try {
    const value = (JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>)[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

const TABLE_PATH = /^\/_sandbox\/change-tracking\/tables\/([a-z_][a-z0-9_]*)$/;

function tableTracking(body: Buffer): boolean | undefined {
  try {
    const value = (JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>).enabled;
    return typeof value === 'boolean' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when the path is not this control's. */
export function changeTrackingControl(
  store: Store,
  method: string,
  path: string,
  body: Buffer,
  setTableTracking: (table: string, enabled: boolean) => boolean,
): ApiResponse | undefined {
  const table = TABLE_PATH.exec(path)?.[1];
  if (table && method === 'PUT') {
    const enabled = tableTracking(body);
    if (enabled === undefined) return json(400, { error: 'Send {"enabled": true} or {"enabled": false}.' });
    if (!setTableTracking(table, enabled)) return json(404, { error: `No table ${table}.` });
    return json(200, { table, changeTrackingEnabled: enabled });
  }
  if (path === '/_sandbox/change-tracking' && method === 'GET') return json(200, changeTrackingState(store));
  if (path === '/_sandbox/change-tracking' && method === 'PUT') {
    const days = positiveNumber(body, 'expireChangeTrackingInDays');
    if (days === undefined) return json(400, { error: 'Send {"expireChangeTrackingInDays": <days above 0>}.' });
    setExpireChangeTrackingInDays(store, days);
    return json(200, changeTrackingState(store));
  }
  if (path === '/_sandbox/change-tracking/age' && method === 'POST') {
    const days = positiveNumber(body, 'days');
    if (days === undefined) return json(400, { error: 'Send {"days": <days above 0>}.' });
    ageChangeTracking(store, days);
    return json(200, changeTrackingState(store));
  }
  return undefined;
}
