/**
 * The mapping's problems in words under the editor: a live region that announces how many there
 * are (screen readers hear the count change as the admin pauses), and each problem with its line
 * and JSON path, a button that takes the cursor there.
 */
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { locateJsonPath } from './json-path-locator';
import { stillStands, type MappingProblem } from './problem-diagnostics';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorNeutralForeground2 },
  path: { fontFamily: 'Consolas, "Courier New", monospace' },
});

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The words the live region says; one place, so the browser tests read what a screen reader hears. */
export function problemSummary(syntaxError: string | undefined, problems: readonly MappingProblem[], checked: boolean): string {
  if (syntaxError) return `The JSON does not parse: ${syntaxError}`;
  if (!checked) return '';
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'The connector found no problem in this mapping.';
  return `The connector found ${plural(errors, 'error')} and ${plural(warnings, 'warning')}.`;
}

export function ProblemList(props: { summary: string; text: string; problems: readonly MappingProblem[]; onReveal(pos: number): void }) {
  const styles = useStyles();
  const lineOf = (pos: number) => props.text.slice(0, pos).split('\n').length;
  const standing = props.problems.filter((p) => stillStands(props.text, p));
  return (
    <div>
      <Text role="status" aria-live="polite" block>
        {props.summary}
      </Text>
      {standing.length > 0 && (
        <ul className={styles.list} aria-label="Problems in the mapping">
          {standing.map((p) => {
            const at = locateJsonPath(props.text, p.path);
            const pos = at ? (at.name?.from ?? at.from) : 0;
            return (
              <li key={`${p.severity}:${p.path}:${p.message}`} className={p.severity === 'error' ? styles.error : styles.warning}>
                <Link as="button" onClick={() => props.onReveal(pos)}>
                  {p.severity === 'error' ? 'Error' : 'Warning'}, line {lineOf(pos)}
                </Link>{' '}
                <span className={styles.path}>{p.path}</span>: {p.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
