/**
 * The contract as it will be made: each field's label and value; an empty required field is an
 * error that names the Dynamics field to fill, with a link that opens the record.
 */
import { Link, MessageBar, MessageBarBody, MessageBarTitle, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Preview } from './load';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'minmax(100px, 40%) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

function shown(value: unknown, display: string | null | undefined): string {
  if (display) return display;
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return `${value.length} line(s)`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function PreviewView(props: { preview: Preview; recordLabel: string; onOpenRecord(): void }) {
  const styles = useStyles();
  const { preview } = props;
  const errorOf = (key: string) => preview.errors.find((e) => e.field === key)?.message;
  const otherErrors = preview.errors.filter((e) => !preview.fields.some((f) => f.key === e.field));
  return (
    <section aria-labelledby="preview-heading">
      <Text as="h2" id="preview-heading" weight="semibold" size={400} block>
        The contract as it will be made
      </Text>
      {!preview.hasValues && (
        <MessageBar intent="info">
          <MessageBarBody>The values will be read from the {props.recordLabel} when you request the contract.</MessageBarBody>
        </MessageBar>
      )}
      {preview.errors.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Some fields the contract needs are empty.</MessageBarTitle>
            Fill them in the {props.recordLabel}, then open this dialog again.{' '}
            <Link as="button" onClick={props.onOpenRecord}>
              Open the {props.recordLabel}
            </Link>
            {otherErrors.map((e) => (
              <div key={e.field}>{e.message}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <dl className={styles.list}>
        {preview.fields.map((f) => {
          const error = errorOf(f.key);
          return [
            <dt key={`${f.key}-label`} className={styles.term}>
              {f.label}
              {f.required ? ' (required)' : ''}
            </dt>,
            <dd key={`${f.key}-value`} className={styles.value}>
              {error ? <span className={styles.error}>{error}</span> : shown(f.value, f.display) || (preview.hasValues ? '—' : '')}
            </dd>,
          ];
        })}
      </dl>
    </section>
  );
}
