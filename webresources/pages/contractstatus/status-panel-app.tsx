/**
 * The status panel (side pane with alwaysRender, or a form's web resource control): every contract
 * of the record, followed while open by change-watcher.ts, with the actions the user's roles allow.
 */
import { ROUTES, routePath } from '../../../api/routes';
import { Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  contractSignatoriesAnswerSchema,
  refreshAnswerSchema,
  sendForSignatureAnswerSchema,
  startValidationAnswerSchema,
  validationFlowsAnswerSchema,
  type ValidationFlow,
} from '../../../api/contracts';
import { type ConnectorClient } from '../../lib/connector';
import { setUpConnector } from '../../lib/connector-setup';
import { permissionsOf } from '../../lib/connector-roles';
import { isOpenStatus } from '../../lib/contract-status';
import { CONTRACT_LOOKUP_OF } from '../../../api/vocabulary/tables';
import type { PageData } from '../../lib/page-data';
import type { UserContext } from '../../lib/xrm-context';
import { SendToSignDialog, ValidationDialog, type SignatoriesState } from './action-dialogs';
import { announceContractsChanged } from '../../lib/contract-changes';
import { watchChanges, type ChangeWatcher } from './change-watcher';
import { canSend, ContractCard } from './contract-card';
import { DraftLink, openDocument, useContractDocuments } from './contract-documents';
import type { ContractDocument } from '../../../api/contracts';
import { contracts as readContracts, snapshot, type ContractView } from './load';
import { learnLabels, withSnapshotStatuses, type StatusLabels } from './status-redraw';

/** Start to start, between two checks while the panel is visible. */
const CHECK_INTERVAL_MS = 5050;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: '260px' },
  top: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type Asking = { kind: 'validate'; contract: ContractView; flows?: ValidationFlow[] } | { kind: 'send'; contract: ContractView; signatories: SignatoriesState };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong. Try again.';
}

export function StatusPanelApp(props: { data: PageData | undefined; user: UserContext }) {
  const styles = useStyles();
  const { data, user } = props;
  const may = permissionsOf(user.roleNames);
  const [rows, setRows] = useState<ContractView[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [asking, setAsking] = useState<Asking>();
  const [busy, setBusy] = useState(false);
  const connector = useRef<Promise<ConnectorClient>>(undefined);
  const watcher = useRef<ChangeWatcher>(undefined);
  const askedToSend = useRef(false);
  const labels = useRef<StatusLabels>(new Map());
  const seen = useRef<Map<string, number | null>>(undefined);

  const valid = !!data && !!CONTRACT_LOOKUP_OF[data.entityName];

  useEffect(() => {
    if (!data || !valid) return;
    const w = watchChanges({
      // 50 ms over 5 s: the panel may cost Dataverse at most one request per 5 s, and timers and
      // the network move a request's arrival by a few ms, so checks exactly 5 s apart can reach
      // Dataverse 4,999 ms apart. A change still shows within one interval and a round trip.
      visibleMs: CHECK_INTERVAL_MS,
      check: () => snapshot(data.entityName, data.recordId),
      onChange: async (snap) => {
        // A status moved since the last check: an earlier action's notice ("… was sent for
        // signature.") no longer says how things are, and the form's command bar may show other
        // buttons now (lib/contract-changes.ts).
        if (seen.current && [...snap.statuses].some(([id, status]) => seen.current?.get(id) !== status)) {
          setNotice(undefined);
          announceContractsChanged({ entityName: data.entityName, recordId: data.recordId });
        }
        seen.current = new Map(snap.statuses);
        // The status line first, from the check itself; the timeline and dates with the full read.
        setRows((shown) => (shown ? withSnapshotStatuses(shown, snap, labels.current) : shown));
        try {
          const full = await readContracts(data.entityName, data.recordId);
          learnLabels(full, labels.current);
          setRows(full);
          setError(undefined);
        } catch (e) {
          setError(messageOf(e));
          throw e;
        }
      },
    });
    watcher.current = w;
    return () => w.stop();
  }, [data, valid]);

  // Opened by the ribbon's Send to Sign: ask about the first contract that can be sent.
  useEffect(() => {
    if (data?.action !== 'sendToSign' || !rows || askedToSend.current || !may.sendToSign) return;
    askedToSend.current = true;
    const first = rows.find(canSend);
    if (first) askSignature(first);
  }, [data, rows, may.sendToSign]);

  const client = useCallback(() => (connector.current ??= setUpConnector(user.userId)), [user.userId]);

  const act = async (what: (c: ConnectorClient) => Promise<string>) => {
    setAsking(undefined);
    setBusy(true);
    setNotice(undefined);
    try {
      const said = await what(await client());
      // The check first: the change the action itself made must not clear its own notice.
      await watcher.current?.checkNow();
      setNotice(said);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const askValidation = (contract: ContractView) => {
    setAsking({ kind: 'validate', contract });
    client()
      .then((c) => c.call(ROUTES.listValidationFlows.method, routePath('listValidationFlows', { contractId: contract.id }), validationFlowsAnswerSchema))
      .then(
        (answer) =>
          setAsking((a) =>
            a?.kind === 'validate' && a.contract.id === contract.id ? { ...a, flows: [...answer.flows].sort((x, y) => x.position - y.position) } : a,
          ),
        (e: unknown) => {
          setAsking(undefined);
          setError(messageOf(e));
        },
      );
  };

  // Refresh asks the connector to re-read each open contract from the CLM (a lost webhook made good
  // now, not at the nightly reconcile), then reads Dataverse again.
  const refresh = () =>
    void act(async (c) => {
      const open = (rows ?? []).filter((r) => isOpenStatus(r.status));
      await Promise.all(open.map((r) => c.call(ROUTES.refreshContract.method, routePath('refreshContract', { contractId: r.id }), refreshAnswerSchema)));
      return open.length ? 'Brought up to date from DiliTrust CLM.' : '';
    });

  // Who will sign, read from the connector while the dialog opens; what the dialog shows is what is sent.
  function askSignature(contract: ContractView) {
    setAsking({ kind: 'send', contract, signatories: { kind: 'reading' } });
    const show = (signatories: SignatoriesState) => setAsking((a) => (a?.kind === 'send' && a.contract.id === contract.id ? { ...a, signatories } : a));
    client()
      .then((c) => c.call(ROUTES.contractSignatories.method, routePath('contractSignatories', { contractId: contract.id }), contractSignatoriesAnswerSchema))
      .then(
        (answer) => show({ kind: 'read', answer }),
        (e: unknown) => show({ kind: 'unreadable', message: messageOf(e) }),
      );
  }

  if (!valid) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>This panel opens from an opportunity or a quote.</MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <div className={styles.page}>
      <div className={styles.top}>
        <Text as="h1" size={500} weight="semibold" style={{ margin: 0 }}>
          Contracts
        </Text>
        <Button icon={<ArrowClockwiseRegular />} appearance="subtle" disabled={busy} onClick={refresh} aria-label="Refresh the contracts">
          Refresh
        </Button>
      </div>
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {!rows ? (
        !error && <Spinner label="Reading the contracts…" />
      ) : rows.length === 0 ? (
        <Text>No contract has been requested from this record yet.</Text>
      ) : (
        <ul className={styles.list} aria-live="polite">
          {rows.map((c) => (
            <li key={c.id}>
              <ContractItem
                contract={c}
                client={client}
                mayValidate={may.validate}
                maySend={may.sendToSign}
                busy={busy}
                onError={setError}
                onValidate={() => askValidation(c)}
                onSend={() => askSignature(c)}
              />
            </li>
          ))}
        </ul>
      )}
      {asking?.kind === 'validate' && (
        <ValidationDialog
          contractName={asking.contract.name}
          flows={asking.flows}
          onCancel={() => setAsking(undefined)}
          onStart={(flowId) =>
            void act(async (c) => {
              const answer = await c.call(
                ROUTES.startValidation.method,
                routePath('startValidation', { contractId: asking.contract.id }),
                startValidationAnswerSchema,
                { flowId },
              );
              return `Validation started: ${answer.flow.name}.`;
            })
          }
        />
      )}
      {asking?.kind === 'send' && (
        <SendToSignDialog
          contractName={asking.contract.name}
          signatories={asking.signatories}
          draftLink={<DraftLink contractId={asking.contract.id} status={asking.contract.status} client={client} onError={setError} />}
          onCancel={() => setAsking(undefined)}
          onSend={(signatories) =>
            void act(async (c) => {
              await c.call(
                ROUTES.sendForSignature.method,
                routePath('sendForSignature', { contractId: asking.contract.id }),
                sendForSignatureAnswerSchema,
                signatories ? { signatories } : {},
              );
              return `${asking.contract.name} was sent for signature.`;
            })
          }
        />
      )}
    </div>
  );
}

/** One contract's card with its CLM documents, read from the connector for this contract. */
function ContractItem(props: {
  contract: ContractView;
  client: () => Promise<ConnectorClient>;
  mayValidate: boolean;
  maySend: boolean;
  busy: boolean;
  onError(message: string): void;
  onValidate(): void;
  onSend(): void;
}) {
  const documents = useContractDocuments(props.contract.id, props.contract.status, props.client);
  const open = (d: ContractDocument) => openDocument(props.contract.id, d, props.client).catch((e: unknown) => props.onError(messageOf(e)));
  return (
    <ContractCard
      contract={props.contract}
      mayValidate={props.mayValidate}
      maySend={props.maySend}
      busy={props.busy}
      documents={documents}
      onOpenDocument={(d) => void open(d)}
      onValidate={props.onValidate}
      onSend={props.onSend}
    />
  );
}
