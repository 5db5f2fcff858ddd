/**
 * The Request Contract dialog: pick a template (searchable), see the contract as it will be made,
 * check the signatories and the name, request it. One requestKey per dialog, so a double click or a
 * Retry after a network failure makes one contract (the connector answers the same key with the
 * same contract).
 */
import { ROUTES, routePath } from '../../../api/routes';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { contractAnswerSchema, type ContractAnswer } from '../../../api/contracts';
import type { FieldProblem } from '../../../api/problem';
import { ClmLink } from '../../lib/clm-link';
import { ConnectorError, type ConnectorClient } from '../../lib/connector';
import { setUpConnector } from '../../lib/connector-setup';
import { labelOfClmStatus } from '../../lib/contract-status';
import { TRIGGER_TABLES } from '../../lib/entity-sets';
import type { PageData } from '../../lib/page-data';
import type { UserContext } from '../../lib/xrm-context';
import { loadPreview, loadRecordName, loadTemplates, type OfferedTemplate, type Preview } from './load';
import { PreviewView } from './preview-view';
import { editable, emailProblem, SignatoriesEditor, toSignatory, type EditableSignatory } from '../../lib/signatories-editor';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '960px' },
  templates: { maxHeight: '220px', overflowY: 'auto' },
  footer: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

/** dtclm_contract.dtclm_name is text 200 (dataverse-model.md), as the CLM's contract name (clm-api.yaml). */
const NAME_MAX = 200;

type Outcome =
  { kind: 'none' } | { kind: 'working' } | { kind: 'done'; contract: ContractAnswer } | { kind: 'failed'; message: string; errors: FieldProblem[] };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong. Try again.';
}

export function RequestContractApp(props: { data: PageData | undefined; xrm: typeof Xrm | undefined; user: UserContext }) {
  const styles = useStyles();
  const { data, xrm, user } = props;
  const requestKey = useRef(crypto.randomUUID()).current;
  const [connector, setConnector] = useState<ConnectorClient>();
  const [setupError, setSetupError] = useState<string>();
  const [templates, setTemplates] = useState<OfferedTemplate[]>();
  const [recordName, setRecordName] = useState('');
  const [search, setSearch] = useState('');
  const [templateId, setTemplateId] = useState<string>();
  const [preview, setPreview] = useState<Preview>();
  const [previewError, setPreviewError] = useState<string>();
  const [name, setName] = useState('');
  const [signatories, setSignatories] = useState<EditableSignatory[]>([]);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  // Every signatory removed while the template names some: ask before making a contract with none.
  const [askingEmpty, setAskingEmpty] = useState(false);
  const inFlight = useRef(false);
  const searchBox = useRef<HTMLInputElement>(null);

  const table = data ? TRIGGER_TABLES[data.entityName] : undefined;
  const recordLabel = table?.displayName ?? 'record';

  useEffect(() => {
    if (!data || !table) {
      setSetupError('This dialog opens from an opportunity or a quote: close it and use Request Contract on the record.');
      return;
    }
    Promise.all([setUpConnector(user.userId), loadTemplates(data.entityName), loadRecordName(data.entityName, data.recordId)]).then(
      ([c, t, n]) => {
        setConnector(c);
        setTemplates(t);
        setRecordName(n);
      },
      (e: unknown) => setSetupError(messageOf(e)),
    );
  }, [data, table, user.userId]);

  useEffect(() => {
    const template = templates?.find((t) => t.id === templateId);
    if (!template || !connector || !data) return;
    let current = true;
    setPreview(undefined);
    setPreviewError(undefined);
    loadPreview(connector, data.entityName, data.recordId, template, recordName).then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setName(p.name);
        setSignatories(editable(p.signatories));
      },
      (e: unknown) => current && setPreviewError(messageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [templateId, templates, connector, data, recordName]);

  // A dialog puts the focus on its first control when it opens (not on the page's body), so the
  // keyboard starts where the work does.
  const ready = templates !== undefined;
  useEffect(() => {
    if (ready) searchBox.current?.focus();
  }, [ready]);

  const shownTemplates = useMemo(
    () => (templates ?? []).filter((t) => t.name.toLocaleLowerCase(user.locale).includes(search.trim().toLocaleLowerCase(user.locale))),
    [templates, search, user.locale],
  );

  const signatoryProblem = signatories.some((s) => emailProblem(s.email) !== undefined);
  const nameProblem =
    name.trim() === ''
      ? 'Give the contract a name.'
      : name.trim().length > NAME_MAX
        ? `A contract name has at most ${NAME_MAX} characters: remove ${name.trim().length - NAME_MAX}.`
        : undefined;
  const blocked = !preview || preview.errors.length > 0 || signatoryProblem || nameProblem !== undefined;
  const working = outcome.kind === 'working';

  async function request(withoutSignatories = false): Promise<void> {
    if (!connector || !data || !templateId || blocked || inFlight.current) return;
    if (signatories.length === 0 && (preview?.signatories.length ?? 0) > 0 && !withoutSignatories) {
      setAskingEmpty(true);
      return;
    }
    setAskingEmpty(false);
    inFlight.current = true;
    setOutcome({ kind: 'working' });
    const body = {
      entity: data.entityName,
      recordId: data.recordId,
      templateId,
      requestKey,
      name: name.trim(),
      // The list shown is the contract's list, kept with it and sent to sign: an empty one included
      // (the rep was asked whether to use the template's first).
      signatories: signatories.map(toSignatory),
    };
    try {
      // The key makes the POST safe to repeat: retries after a dropped connection make one contract.
      const contract = await connector.call(ROUTES.requestContract.method, routePath('requestContract'), contractAnswerSchema, body, {
        timeoutMs: 60_000,
        retries: 2,
      });
      setOutcome({ kind: 'done', contract });
    } catch (e) {
      setOutcome({ kind: 'failed', message: messageOf(e), errors: e instanceof ConnectorError ? e.errors : [] });
    } finally {
      inFlight.current = false;
    }
  }

  const openRecord = () => {
    if (data) void xrm?.Navigation.openForm({ entityName: data.entityName, entityId: data.recordId, openInNewWindow: true });
  };

  if (setupError) {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>{setupError}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!templates) return <Spinner label="Loading the templates…" />;

  if (outcome.kind === 'done') {
    const c = outcome.contract;
    return (
      <div className={styles.page}>
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            <MessageBarTitle>Contract requested</MessageBarTitle>
            {c.name} — {labelOfClmStatus(c.status)}. <ClmLink url={c.clmUrl}>Open it in DiliTrust CLM</ClmLink>
          </MessageBarBody>
        </MessageBar>
        <Text>You can follow it in the Contract Status panel of this {recordLabel}.</Text>
      </div>
    );
  }

  return (
    <div className={styles.page}>
      {templates.length === 0 ? (
        <MessageBar intent="warning">
          <MessageBarBody>No contract template is set up for this {recordLabel}. Ask your DiliTrust CLM administrator to map one.</MessageBarBody>
        </MessageBar>
      ) : (
        <Field label="Template">
          <SearchBox
            ref={searchBox}
            placeholder="Search the templates"
            value={search}
            onChange={(_, d) => setSearch(d.value)}
            disabled={working}
            aria-label="Search the templates"
          />
          <div className={styles.templates}>
            <RadioGroup aria-label="Templates" value={templateId ?? ''} onChange={(_, d) => setTemplateId(d.value)} disabled={working}>
              {shownTemplates.map((t) => (
                <Radio key={t.id} value={t.id} label={t.name} />
              ))}
            </RadioGroup>
            {shownTemplates.length === 0 && <Text>No template matches “{search}”.</Text>}
          </div>
        </Field>
      )}

      {templateId && !preview && !previewError && <Spinner size="small" label="Reading the record…" />}
      {previewError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{previewError}</MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <>
          <PreviewView preview={preview} recordLabel={recordLabel} onOpenRecord={openRecord} />
          <Field label="Contract name" required validationMessage={nameProblem} hint={`${name.trim().length} of ${NAME_MAX} characters`}>
            {/* No maxLength: a pasted name is not cut without a word; the counter and the error say so. */}
            <Input value={name} disabled={working} onChange={(_, d) => setName(d.value)} />
          </Field>
          <section aria-labelledby="signatories-heading">
            <Text as="h2" id="signatories-heading" weight="semibold" size={400} block>
              Signatories
            </Text>
            <SignatoriesEditor
              value={signatories}
              onChange={(next) => {
                setSignatories(next);
                setAskingEmpty(false);
              }}
              disabled={working}
            />
            {askingEmpty && preview && (
              <MessageBar intent="warning" role="alert">
                <MessageBarBody>
                  <MessageBarTitle>No signatory</MessageBarTitle>
                  Use the template&apos;s ({preview.signatories.map((s) => `${s.firstName} ${s.lastName}`.trim() || s.email).join(', ')}), or make the contract
                  without any and name them at Send to Sign?
                </MessageBarBody>
                <MessageBarActions>
                  <Button
                    onClick={() => {
                      setSignatories(editable(preview.signatories));
                      setAskingEmpty(false);
                    }}
                  >
                    Use the template&apos;s signatories
                  </Button>
                  <Button onClick={() => void request(true)}>Request without signatories</Button>
                </MessageBarActions>
              </MessageBar>
            )}
          </section>
        </>
      )}

      {outcome.kind === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The contract was not made.</MessageBarTitle>
            {outcome.message}
            {outcome.errors.length > 0 && (
              <ul>
                {outcome.errors.map((e) => (
                  <li key={e.field}>
                    {preview?.fields.find((f) => f.key === e.field)?.label ?? e.field}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void request()}>Retry</Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <div className={styles.footer}>
        <Button appearance="primary" disabled={blocked || working || !templateId} onClick={() => void request()}>
          Request contract
        </Button>
        {working && <Spinner size="tiny" label="Making the contract in DiliTrust CLM…" />}
      </div>
    </div>
  );
}
