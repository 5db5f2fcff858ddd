/** The signatories, editable: add, remove, reorder, each e-mail checked as it is typed (the Request Contract dialog, and Send to Sign in the status panel). */
import { Button, Caption1, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowDownRegular, ArrowUpRegular, DeleteRegular } from '@fluentui/react-icons';
import { signatorySchema, type Signatory } from '../../api/contracts';

export interface EditableSignatory {
  /** A key for React only. */
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
}

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Narrow (the side pane, 300 px and up): names side by side, the e-mail on a row of its own so a
  // whole address can be checked, then the buttons. Wide (the dialog): all on one row, the e-mail
  // twice as wide as a name. The page is its own frame, so the media query reads the pane's width.
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gridTemplateAreas: '"origin origin" "first last" "email email" "actions actions"',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    '@media (min-width: 560px)': {
      gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr) minmax(0, 2fr) auto',
      gridTemplateAreas: '"origin origin origin origin" "first last email actions"',
    },
  },
  origin: { gridArea: 'origin', color: tokens.colorNeutralForeground2 },
  first: { gridArea: 'first' },
  last: { gridArea: 'last' },
  email: { gridArea: 'email' },
  actions: { gridArea: 'actions', display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'end', justifyContent: 'end' },
  // Fluent's Input keeps a minimum width of its own: let it shrink to its grid column instead of overlapping the next.
  input: { width: '100%', minWidth: 0 },
});

/** Signatories as the connector gives them, made editable (a key each for React). */
export function editable(signatories: ReadonlyArray<Partial<Signatory> & { email: string }>): EditableSignatory[] {
  return signatories.map((s) => ({ id: crypto.randomUUID(), firstName: s.firstName ?? '', lastName: s.lastName ?? '', email: s.email, phone: s.phone }));
}

/** Back to what the CLM takes, the order being the position in the list. */
export function toSignatory(s: EditableSignatory, i: number): Signatory {
  return { firstName: s.firstName.trim(), lastName: s.lastName.trim(), email: s.email.trim(), ...(s.phone ? { phone: s.phone } : {}), order: i + 1 };
}

export function emailProblem(email: string): string | undefined {
  if (email.trim() === '') return 'Enter an e-mail address.';
  return signatorySchema.shape.email.safeParse(email.trim()).success ? undefined : 'This is not an e-mail address (name@example.com).';
}

export function SignatoriesEditor(props: {
  value: EditableSignatory[];
  onChange(next: EditableSignatory[]): void;
  disabled: boolean;
  /** Where a signatory came from, said under it (Send to Sign). */
  note?(s: EditableSignatory): string | undefined;
}) {
  const styles = useStyles();
  const { value, onChange, disabled, note } = props;
  const update = (i: number, patch: Partial<EditableSignatory>) => onChange(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <div>
      <ol className={styles.list} aria-label="Signatories, in signing order">
        {value.map((s, i) => {
          const who = `${s.firstName} ${s.lastName}`.trim() || `signatory ${i + 1}`;
          const origin = note?.(s);
          return (
            <li key={s.id} className={styles.row}>
              {origin && <Caption1 className={styles.origin}>{origin}</Caption1>}
              <Field label="First name" className={styles.first}>
                <Input className={styles.input} value={s.firstName} disabled={disabled} onChange={(_, d) => update(i, { firstName: d.value })} />
              </Field>
              <Field label="Last name" className={styles.last}>
                <Input className={styles.input} value={s.lastName} disabled={disabled} onChange={(_, d) => update(i, { lastName: d.value })} />
              </Field>
              <Field label="E-mail" required validationMessage={emailProblem(s.email)} className={styles.email}>
                <Input className={styles.input} type="email" value={s.email} disabled={disabled} onChange={(_, d) => update(i, { email: d.value })} />
              </Field>
              <div className={styles.actions}>
                <Button icon={<ArrowUpRegular />} aria-label={`Move ${who} up`} disabled={disabled || i === 0} onClick={() => move(i, -1)} />
                <Button icon={<ArrowDownRegular />} aria-label={`Move ${who} down`} disabled={disabled || i === value.length - 1} onClick={() => move(i, 1)} />
                <Button icon={<DeleteRegular />} aria-label={`Remove ${who}`} disabled={disabled} onClick={() => onChange(value.filter((_, j) => j !== i))} />
              </div>
            </li>
          );
        })}
      </ol>
      <Button
        icon={<AddRegular />}
        appearance="subtle"
        disabled={disabled}
        onClick={() => onChange([...value, { id: crypto.randomUUID(), firstName: '', lastName: '', email: '' }])}
      >
        Add signatory
      </Button>
    </div>
  );
}
