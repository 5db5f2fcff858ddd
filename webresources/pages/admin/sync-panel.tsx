/**
 * Sync now for one kind of long run (templates, users, contacts): the choices before it starts, the
 * button, the run's progress and outcome, and the last runs. A run already under way when the page
 * opens (the timer's, or another admin's) is followed instead of starting a second one.
 */
import type { DateSettings } from '../../lib/date-settings';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RunAnswer, RunKind } from '../../../api/runs';
import type { ConnectorClient } from '../../lib/connector';
import { loadRuns } from './admin-api';
import { RunHistory, RunProgress } from './run-views';
import { isUnderWay, useLongRun } from './use-long-run';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
});

const HISTORY_LENGTH = 5;

export interface SyncPanelProps {
  client: ConnectorClient;
  kind: RunKind;
  /** What the run counts, for the progress line ("templates"). */
  noun: string;
  /** The run's name in sentences ("template sync"). */
  what: string;
  dates: DateSettings;
  /** The body of the POST that starts the run. */
  body: () => Record<string, unknown>;
  /** Choices shown beside the button (e.g. incremental or full). */
  options?: ReactNode;
  onFinished?: (run: RunAnswer) => void;
}

export function SyncPanel({ client, kind, noun, what, dates, body, options, onFinished }: SyncPanelProps) {
  const styles = useStyles();
  const [runs, setRuns] = useState<RunAnswer[]>();
  const [historyError, setHistoryError] = useState<string>();

  const refreshHistory = useCallback(
    () =>
      loadRuns(client, kind, HISTORY_LENGTH).then(
        (r) => {
          setRuns(r);
          setHistoryError(undefined);
          return r;
        },
        (e: unknown) => {
          setHistoryError(e instanceof Error ? e.message : String(e));
          return [] as RunAnswer[];
        },
      ),
    [client, kind],
  );

  const finished = useCallback(
    (run: RunAnswer) => {
      void refreshHistory();
      onFinished?.(run);
    },
    [refreshHistory, onFinished],
  );
  const { state, start, follow } = useLongRun(client, kind, finished);

  useEffect(() => {
    void refreshHistory().then((r) => {
      const underWay = r.find(isUnderWay);
      if (underWay) void follow(underWay.runId);
    });
  }, [refreshHistory, follow]);

  const busy = state.phase === 'starting' || state.phase === 'running';
  return (
    <div className={styles.panel}>
      <div className={styles.actions}>
        {options}
        <Button appearance="primary" icon={<ArrowSyncRegular />} disabled={busy} onClick={() => void start(body())}>
          Sync now
        </Button>
      </div>
      <RunProgress state={state} noun={noun} what={what} />
      <Text weight="semibold">Last runs</Text>
      {historyError ? <span role="alert">The last runs could not be read: {historyError}</span> : null}
      <RunHistory runs={historyError ? [] : runs} dates={dates} caption={`Last ${what} runs`} />
    </div>
  );
}
