/**
 * Health: every check of `GET /api/admin/health` with its state, what it found and, for a failing
 * part, what to do (the hint, in the troubleshooting words of the specs), refreshed on demand.
 */
import type { DateSettings } from '../../lib/date-settings';
import { Badge, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, CheckmarkCircleFilled, ErrorCircleFilled } from '@fluentui/react-icons';
import type { HealthState } from './use-health';
import { whenText } from './run-words';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  check: {
    display: 'grid',
    gridTemplateColumns: '24px 1fr',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  icon: { gridRow: 'span 3', fontSize: '20px', paddingTop: '2px' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  name: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export function HealthSection({ health, onRefresh, dates }: { health: HealthState; onRefresh: () => void; dates: DateSettings }) {
  const styles = useStyles();
  const checks = health.checks ?? [];
  const failing = checks.filter((c) => !c.ok).length;
  return (
    <section className={styles.section} aria-labelledby="health-heading">
      <div className={styles.bar}>
        <Text as="h2" size={500} weight="semibold" id="health-heading">
          Health
        </Text>
        <Button icon={<ArrowClockwiseRegular />} onClick={onRefresh} disabled={health.loading}>
          Refresh
        </Button>
        {health.loading ? <Spinner size="tiny" label="Checking every part…" /> : null}
        {health.checkedAt && !health.loading ? <Text size={200}>Checked {whenText(health.checkedAt.toISOString(), dates)}</Text> : null}
      </div>
      {health.error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The connector could not be checked</MessageBarTitle>
            {health.error}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {health.checks ? (
        <Text role="status">{failing === 0 ? `All ${checks.length} checks pass.` : `${failing} of ${checks.length} checks need attention.`}</Text>
      ) : null}
      <ul className={styles.list} aria-label="Health checks">
        {checks.map((c) => (
          <li key={c.name} className={styles.check} aria-label={`${c.name}: ${c.ok ? 'OK' : 'needs attention'}`}>
            {c.ok ? (
              <CheckmarkCircleFilled className={mergeClasses(styles.icon, styles.ok)} />
            ) : (
              <ErrorCircleFilled className={mergeClasses(styles.icon, styles.bad)} />
            )}
            <span className={styles.name}>
              <Text weight="semibold">{c.name}</Text>
              <Badge appearance="tint" color={c.ok ? 'success' : 'danger'}>
                {c.ok ? 'OK' : 'Needs attention'}
              </Badge>
            </span>
            <Text>{c.detail}</Text>
            {c.hint ? (
              <Text>
                <Text weight="semibold">What to do: </Text>
                {c.hint}
              </Text>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
