/** One contract in the panel: its status, its events as a timeline, reason, last error, links and the actions the user may take. */
import { canSendForSignature, canStartValidation, statusOfChoiceValue } from '../../../api/vocabulary/contract-status';
import { Badge, Button, Card, CardHeader, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ClmLink } from '../../lib/clm-link';
import { statusTone } from '../../lib/contract-status';
import { signedDocumentUrl, type ContractView } from './load';
import { DocumentLinks, type DocumentsState } from './contract-documents';
import type { ContractDocument } from '../../../api/contracts';
import { openPdf } from './open-pdf';

const useStyles = makeStyles({
  card: { width: '100%', boxSizing: 'border-box' },
  timeline: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  late: { color: tokens.colorNeutralForeground3, fontStyle: 'italic' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  links: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

/** The CLM accepts validation from a draft (or after a rejection, once edited) and signature from draft or validated (clm-api.yaml). */
function canValidate(c: ContractView): boolean {
  return canStartValidation(statusOfChoiceValue(c.status));
}
export function canSend(c: ContractView): boolean {
  return canSendForSignature(statusOfChoiceValue(c.status));
}

export function ContractCard(props: {
  contract: ContractView;
  mayValidate: boolean;
  maySend: boolean;
  busy: boolean;
  documents: DocumentsState;
  onOpenDocument(document: ContractDocument): void;
  onValidate(): void;
  onSend(): void;
}) {
  const styles = useStyles();
  const c = props.contract;
  const headingId = `contract-${c.id}`;
  return (
    <Card className={styles.card} role="article" aria-labelledby={headingId}>
      <CardHeader
        header={
          <Text as="h2" id={headingId} weight="semibold" size={300} style={{ margin: 0 }}>
            {c.name}
          </Text>
        }
        description={
          <span>
            <Badge appearance="tint" color={statusTone(c.status)} aria-label={`Status: ${c.statusLabel}`}>
              {c.statusLabel}
            </Badge>{' '}
            <Text size={200}>{c.statusChangedOn}</Text>
          </span>
        }
      />
      {c.reason && (
        <Text>
          <strong>Reason:</strong> {c.reason}
        </Text>
      )}
      {c.lastError && (
        <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          <strong>Last error:</strong> {c.lastError}
        </Text>
      )}
      {c.events.length > 0 && (
        <ol className={styles.timeline} aria-label={`History of ${c.name}`}>
          {c.events.map((e) => (
            <li key={e.id} className={e.applied ? undefined : styles.late}>
              {e.statusLabel} — {e.occurredOn}
              {!e.applied && ' (arrived out of order, did not change the status)'}
            </li>
          ))}
        </ol>
      )}
      <DocumentLinks state={props.documents} onOpen={props.onOpenDocument} />
      <div className={styles.links}>
        {c.clmUrl && <ClmLink url={c.clmUrl}>Open in DiliTrust CLM</ClmLink>}
        {c.signedDocumentName && (
          <Link
            href={signedDocumentUrl(c.id)}
            target="_blank"
            rel="noopener"
            onClick={(e) => {
              e.preventDefault();
              void openPdf(signedDocumentUrl(c.id), c.signedDocumentName ?? 'signed.pdf');
            }}
          >
            Signed document ({c.signedDocumentName})
          </Link>
        )}
      </div>
      {(props.mayValidate && canValidate(c)) || (props.maySend && canSend(c)) ? (
        <div className={styles.actions}>
          {props.mayValidate && canValidate(c) && (
            <Button disabled={props.busy} onClick={props.onValidate}>
              Launch validation
            </Button>
          )}
          {props.maySend && canSend(c) && (
            <Button appearance="primary" disabled={props.busy} onClick={props.onSend}>
              Send to sign
            </Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}
