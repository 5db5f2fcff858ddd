/**
 * What the contract for the picked record would be, as the CLM would get it: its name, every
 * template field with its label, the value as a person reads it and where it came from, the
 * signatories, and what would make the request fail.
 */
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
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
import type { PreviewMappingAnswer } from '../../../../api/admin';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  source: { fontFamily: 'Consolas, "Courier New", monospace', color: tokens.colorNeutralForeground2 },
  value: { overflowWrap: 'anywhere' },
});

function shown(value: unknown, display: string): string {
  if (display) return display;
  return sent(value);
}

/** The value exactly as the CLM would get it (clm-api.yaml FieldValue): strings as they are, the rest as JSON. */
function sent(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function PreviewResult(props: { preview: PreviewMappingAnswer; recordName: string }) {
  const styles = useStyles();
  const { preview } = props;
  return (
    <section className={styles.section} aria-labelledby="mapping-preview-heading">
      <Text as="h3" id="mapping-preview-heading" weight="semibold" size={400}>
        Preview on “{props.recordName}”: {preview.name}
      </Text>
      {preview.errors.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>
              {preview.errors.length === 1 ? '1 problem would stop this request' : `${preview.errors.length} problems would stop this request`}
            </MessageBarTitle>
            <ul>
              {preview.errors.map((e) => (
                <li key={`${e.field}:${e.message}`}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <Table size="small" aria-label="The fields the CLM would get">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Field</TableHeaderCell>
            <TableHeaderCell>Value</TableHeaderCell>
            <TableHeaderCell>Sent to the CLM</TableHeaderCell>
            <TableHeaderCell>From</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.fields.map((f) => (
            <TableRow key={f.key}>
              <TableCell>
                {f.label}
                {f.required ? ' (required)' : ''}
              </TableCell>
              <TableCell className={styles.value}>{shown(f.value, f.display)}</TableCell>
              <TableCell className={`${styles.value} ${styles.source}`}>{sent(f.value)}</TableCell>
              <TableCell className={styles.source}>{f.source ?? 'not mapped'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {preview.returns && preview.returns.columns.length > 0 && (
        <Table size="small" aria-label={`What would come back into Dynamics when ${preview.returns.when.replace(/_/g, ' ')}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Dynamics column</TableHeaderCell>
              <TableHeaderCell>From the CLM field</TableHeaderCell>
              <TableHeaderCell>Value today (unless changed in the CLM)</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {preview.returns.columns.map((r) => (
              <TableRow key={r.column}>
                <TableCell className={styles.source}>{r.column}</TableCell>
                <TableCell>{r.label}</TableCell>
                <TableCell className={styles.value}>{r.display || '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Text weight="semibold">Signatories</Text>
      {preview.signatories.length === 0 ? (
        <Text>None.</Text>
      ) : (
        <ol>
          {preview.signatories.map((s) => (
            <li key={`${s.order ?? ''}:${s.email}`}>
              {s.firstName} {s.lastName} &lt;{s.email}&gt;
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
