/**
 * What a long run looks like on the admin page: its progress while it runs (a progress bar, the
 * items done so far), its counts and errors when it ends, and the last runs of its kind.
 */
import type { DateSettings } from '../../lib/date-settings';
import {
  Badge,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { RunAnswer } from '../../../api/runs';
import type { LongRunState } from './use-long-run';
import { countsText, durationText, stateWords, whenText } from './run-words';

const useStyles = makeStyles({
  errors: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  history: { overflowX: 'auto' },
  counts: { whiteSpace: 'normal' },
});

function RunErrors({ run }: { run: RunAnswer }) {
  const styles = useStyles();
  if (run.errors.length === 0) return null;
  return (
    <ul className={styles.errors} aria-label="Errors of the run">
      {run.errors.map((e, i) => (
        <li key={i}>
          <Text weight="semibold">{e.item}</Text>: {e.message}
        </li>
      ))}
    </ul>
  );
}

/** The run this page started or joined: progress, then its outcome. `noun` names what it counts ("templates"). */
export function RunProgress({ state, noun, what }: { state: LongRunState; noun: string; what: string }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'starting') return <Spinner size="small" label={`Starting the ${what}…`} />;
  if (state.phase === 'failed') {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>The {what} could not be followed</MessageBarTitle>
          {state.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.phase === 'running') {
    const run = state.run;
    const done = run?.progress.done ?? 0;
    const total = run?.progress.total;
    const queued = !run || run.state === 'queued';
    const label = queued
      ? `The ${what} is queued: the Function App picks it up in a few seconds.`
      : total
        ? `The ${what} is running: ${done} of ${total} ${noun}.`
        : `The ${what} is running: ${done} ${noun} so far.`;
    return (
      <Field label={label} validationMessage={run && !queued ? countsText(run.counts) : undefined} validationState="none">
        <ProgressBar value={total ? Math.min(done / total, 1) : undefined} thickness="large" />
      </Field>
    );
  }
  const run = state.run;
  const ok = run.state === 'succeeded';
  return (
    <MessageBar intent={ok ? (run.errors.length > 0 ? 'warning' : 'success') : 'error'} role="status" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          The {what} {ok ? 'finished' : 'failed'}
          {run.durationMs !== undefined ? ` in ${durationText(run.durationMs)}` : ''}
        </MessageBarTitle>
        {countsText(run.counts)}.
        <RunErrors run={run} />
      </MessageBarBody>
    </MessageBar>
  );
}

/** The last runs of a kind, newest first, with their counts and errors. */
export function RunHistory({ runs, dates, caption }: { runs: RunAnswer[] | undefined; dates: DateSettings; caption: string }) {
  const styles = useStyles();
  if (!runs) return <Spinner size="tiny" label="Loading the last runs…" />;
  if (runs.length === 0) return <Text>No run yet.</Text>;
  return (
    <div className={styles.history}>
      <Table aria-label={caption} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Started</TableHeaderCell>
            <TableHeaderCell>State</TableHeaderCell>
            <TableHeaderCell>Counts</TableHeaderCell>
            <TableHeaderCell>Duration</TableHeaderCell>
            <TableHeaderCell>Errors</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {runs.map((run) => (
            <TableRow key={run.runId}>
              <TableCell>{whenText(run.startedAt, dates)}</TableCell>
              <TableCell>
                <Badge appearance="tint" color={run.state === 'succeeded' ? 'success' : run.state === 'failed' ? 'danger' : 'informative'}>
                  {stateWords(run.state)}
                </Badge>
              </TableCell>
              <TableCell className={styles.counts}>{countsText(run.counts)}</TableCell>
              <TableCell>{durationText(run.durationMs)}</TableCell>
              <TableCell className={styles.counts}>{run.errors.length === 0 ? 'none' : <RunErrors run={run} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
