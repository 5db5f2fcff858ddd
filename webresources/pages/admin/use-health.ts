/**
 * The health checks, read once when the page opens and again on Refresh or after an action that
 * changes them (registering the webhook). Health, Webhook and Users read the same answer.
 */
import { useCallback, useEffect, useState } from 'react';
import type { HealthCheck } from '../../../api/admin';
import type { ConnectorClient } from '../../lib/connector';
import { loadHealth } from './admin-api';

export interface HealthState {
  checks?: HealthCheck[];
  /** When the checks shown were made. */
  checkedAt?: Date;
  loading: boolean;
  error?: string;
}

export function useHealth(client: ConnectorClient) {
  const [health, setHealth] = useState<HealthState>({ loading: true });
  const refresh = useCallback(() => {
    setHealth((h) => ({ ...h, loading: true }));
    loadHealth(client).then(
      (answer) => setHealth({ checks: answer.checks, checkedAt: new Date(), loading: false }),
      (e: unknown) => setHealth((h) => ({ ...h, loading: false, error: e instanceof Error ? e.message : String(e) })),
    );
  }, [client]);
  useEffect(refresh, [refresh]);
  return { health, refresh };
}

/** A check by its name (connector-api.md names the parts; check-health.ts names the checks). */
export function checkNamed(health: HealthState, name: string): HealthCheck | undefined {
  return health.checks?.find((c) => c.name === name);
}
