/**
 * A long run followed from the page (connector-api.md "Long runs"): the POST answers 202 with a run
 * id, then `GET /api/admin/runs/{runId}` is polled until the run succeeded or failed. The run goes
 * on in the Function App whatever the page does; leaving the page only stops the polling.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunAnswer, RunKind } from '../../../api/runs';
import type { ConnectorClient } from '../../lib/connector';
import { loadRun, startRun } from './admin-api';

export type LongRunState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'running'; runId: string; run?: RunAnswer }
  | { phase: 'finished'; run: RunAnswer }
  | { phase: 'failed'; message: string };

/** Often enough that a progress bar moves; the run writes its progress about once a second. */
const POLL_MS = 1000;

export function isUnderWay(run: RunAnswer): boolean {
  return run.state === 'queued' || run.state === 'running';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong. Try again.';
}

export function useLongRun(client: ConnectorClient, kind: RunKind, onFinished: (run: RunAnswer) => void) {
  const [state, setState] = useState<LongRunState>({ phase: 'idle' });
  const followed = useRef<string | undefined>(undefined);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => () => void (followed.current = undefined), []);

  const follow = useCallback(
    async (runId: string) => {
      followed.current = runId;
      setState({ phase: 'running', runId });
      while (followed.current === runId) {
        let run: RunAnswer;
        try {
          run = await loadRun(client, runId);
        } catch (e) {
          if (followed.current === runId) {
            setState({ phase: 'failed', message: `${messageOf(e)} The run goes on in the Function App; its outcome shows in the last runs below.` });
          }
          return;
        }
        if (followed.current !== runId) return;
        if (!isUnderWay(run)) {
          followed.current = undefined;
          setState({ phase: 'finished', run });
          finished.current(run);
          return;
        }
        setState({ phase: 'running', runId, run });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    [client],
  );

  const start = useCallback(
    async (body: Record<string, unknown>) => {
      setState({ phase: 'starting' });
      try {
        const started = await startRun(client, kind, body);
        await follow(started.runId);
      } catch (e) {
        setState({ phase: 'failed', message: messageOf(e) });
      }
    },
    [client, kind, follow],
  );

  return { state, start, follow };
}
