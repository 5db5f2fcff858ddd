/**
 * The contract's CLM documents in the panel (issue 27): the draft while it is not signed, the
 * signed PDF once signed (GET /api/contracts/{id}/documents). The bytes come through the connector
 * with the user's token (GET .../documents/{documentId}), so a document opens as a blob: URL of type
 * application/pdf in a new tab; the tab is opened on the click itself, so no pop-up blocker stops it.
 */
import { Link, Spinner, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { contractDocumentsAnswerSchema, type ContractDocument } from '../../../api/contracts';
import { ROUTES, routePath } from '../../../api/routes';
import type { ConnectorClient } from '../../lib/connector';

export type DocumentsState = { kind: 'reading' } | { kind: 'read'; documents: ContractDocument[] } | { kind: 'unreadable'; message: string };

/** Reads the documents of a contract again whenever its status changes. */
export function useContractDocuments(contractId: string, status: number | null, client: () => Promise<ConnectorClient>): DocumentsState {
  const [state, setState] = useState<DocumentsState>({ kind: 'reading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'reading' });
    client()
      .then((c) => c.call(ROUTES.contractDocuments.method, routePath('contractDocuments', { contractId }), contractDocumentsAnswerSchema))
      .then(
        (answer) => live && setState({ kind: 'read', documents: answer.documents }),
        (e: unknown) => live && setState({ kind: 'unreadable', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [contractId, status, client]);
  return state;
}

/** Opens one document in a new tab, as the PDF the connector answers. */
export async function openDocument(contractId: string, document: ContractDocument, client: () => Promise<ConnectorClient>): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const blob = await (await client()).blob(routePath('contractDocument', { contractId, documentId: document.id }));
    const url = URL.createObjectURL(new Blob([blob], { type: blob.type || document.contentType }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

const KIND_LABEL: Record<ContractDocument['kind'], string> = { draft: 'Draft', signed: 'Signed PDF in DiliTrust CLM' };

export function DocumentLinks(props: { state: DocumentsState; onOpen(document: ContractDocument): void }) {
  const s = props.state;
  if (s.kind === 'reading') return <Spinner size="extra-tiny" label="Reading the documents…" />;
  if (s.kind === 'unreadable') return <Text size={200}>The documents could not be read ({s.message}).</Text>;
  if (s.documents.length === 0) return null;
  return (
    <ul aria-label="Documents" style={{ margin: 0, paddingLeft: 0, listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 12 }}>
      {s.documents.map((d) => (
        <li key={d.id}>
          <Link as="button" onClick={() => props.onOpen(d)}>
            {KIND_LABEL[d.kind]} ({d.name})
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The draft's link for the Send to Sign dialog, so the signer reads what they send. */
export function DraftLink(props: { contractId: string; status: number | null; client: () => Promise<ConnectorClient>; onError(message: string): void }) {
  const state = useContractDocuments(props.contractId, props.status, props.client);
  if (state.kind !== 'read') return null;
  const draft = state.documents.find((d) => d.kind === 'draft');
  if (!draft) return null;
  return (
    <Text as="p">
      Read what will be sent:{' '}
      <Link
        as="button"
        onClick={() => openDocument(props.contractId, draft, props.client).catch((e: unknown) => props.onError(e instanceof Error ? e.message : String(e)))}
      >
        Draft ({draft.name})
      </Link>
    </Text>
  );
}
