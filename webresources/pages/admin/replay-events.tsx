/**
 * Status events set aside after 5 failed attempts (the health check "Status events"): what the
 * check found, and Replay, which queues them again (`POST /api/admin/webhook/replay`) once the
 * cause is fixed. Shown only while some are set aside.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConnectorClient } from '../../lib/connector';
import { replayStatusEvents } from './admin-api';
import { checkNamed, type HealthState } from './use-health';

const STATUS_EVENTS_CHECK = 'Status events';

type Outcome = { kind: 'none' } | { kind: 'working' } | { kind: 'done'; replayed: number } | { kind: 'failed'; message: string };

export function ReplayEvents({ client, health, onChanged }: { client: ConnectorClient; health: HealthState; onChanged: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const check = checkNamed(health, STATUS_EVENTS_CHECK);

  async function replay(): Promise<void> {
    setOutcome({ kind: 'working' });
    try {
      setOutcome({ kind: 'done', replayed: await replayStatusEvents(client) });
      onChanged();
    } catch (e) {
      setOutcome({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <>
      {check && !check.ok ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Status events set aside</MessageBarTitle>
            {check.detail} Fix the cause first (the Function App's logs name it), then replay them.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void replay()} disabled={outcome.kind === 'working'}>
              Replay the set-aside events
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {outcome.kind === 'done' ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{outcome.replayed} status event(s) queued again.</MessageBarBody>
        </MessageBar>
      ) : null}
      {outcome.kind === 'failed' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The status events could not be replayed: {outcome.message}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
