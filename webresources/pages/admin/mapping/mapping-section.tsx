/**
 * The mapping editor of one template on the admin page: the JSON mapping in a code
 * editor that shows syntax errors at once and the connector's check as the admin pauses typing,
 * completes field keys and Dataverse names, previews the contract on a record the admin picks, and
 * saves with the row's ETag (a concurrent save is reported, never overwritten).
 */
import { ROUTES, routePath } from '../../../../api/routes';
import {
  Badge,
  Button,
  Label,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  previewMappingAnswerSchema,
  saveMappingAnswerSchema,
  validateMappingAnswerSchema,
  type PreviewMappingAnswer,
  type ValidateMappingAnswer,
} from '../../../../api/admin';
import { ConnectorError, type ConnectorClient } from '../../../lib/connector';
import { debouncedCheck } from './debounced-check';
import { entityMetadata } from './entity-metadata';
import { MappingEditor, type MappingEditorHandle } from './mapping-editor';
import { parseMappingText, startingText } from './mapping-text';
import { PreviewResult } from './preview-result';
import { ProblemList, problemSummary } from './problem-list';
import { anchored, type MappingProblem } from './problem-diagnostics';
import { RecordPicker, type PickedRecord } from './record-picker';
import { readTemplateRow, type TemplateRow } from './template-row';

export interface MappingSectionProps {
  /** The connector API as the signed-in admin. */
  client: ConnectorClient;
  /** The dtclm_template row id being edited. The section reads the row (fields, mapping, ETag) itself. */
  templateId: string;
  /** Called after a save succeeded, so the page can refresh the template list's mapping states. */
  onSaved: () => void;
}

/** How long the admin pauses before the connector checks the mapping (the bar: the error shows within 2 s). */
const CHECK_PAUSE_MS = 600;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  help: { color: tokens.colorNeutralForeground2 },
});

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; state: string } | { kind: 'conflict' } | { kind: 'failed'; message: string };

const STATE_WORDS: Record<string, string> = { fits: 'Fits', broken: 'Broken', none: 'No mapping' };

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong. Try again.';
}

function problemsOf(answer: ValidateMappingAnswer): MappingProblem[] {
  return [...answer.errors.map((p) => ({ ...p, severity: 'error' as const })), ...answer.warnings.map((p) => ({ ...p, severity: 'warning' as const }))];
}

export function MappingSection({ client, templateId, onSaved }: MappingSectionProps) {
  const styles = useStyles();
  const [row, setRow] = useState<TemplateRow>();
  const [loadError, setLoadError] = useState<string>();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<MappingProblem[]>([]);
  const [checked, setChecked] = useState(false);
  const [checkError, setCheckError] = useState<string>();
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [picked, setPicked] = useState<PickedRecord>();
  const [preview, setPreview] = useState<{ answer: PreviewMappingAnswer; recordName: string }>();
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string>();
  const etag = useRef<string>(undefined);
  const editor = useRef<MappingEditorHandle>(null);
  const metadata = useMemo(() => entityMetadata(), []);
  const parsed = parseMappingText(text);

  const checker = useMemo(
    () =>
      debouncedCheck<{ text: string; answer: ValidateMappingAnswer }>({
        delayMs: CHECK_PAUSE_MS,
        run: async (t) => ({
          text: t,
          answer: await client.call(ROUTES.validateMapping.method, routePath('validateMapping'), validateMappingAnswerSchema, {
            templateId,
            mapping: JSON.parse(t) as unknown,
          }),
        }),
        apply: ({ text: checkedText, answer }) => {
          setProblems(anchored(checkedText, problemsOf(answer)));
          setChecked(true);
          setCheckError(undefined);
        },
        fail: (e) => setCheckError(`The connector could not check the mapping: ${messageOf(e)}`),
      }),
    [client, templateId],
  );
  useEffect(() => () => checker.dispose(), [checker]);

  const edited = (t: string) => {
    setText(t);
    const p = parseMappingText(t);
    checker.changed(t, p.ok && p.value !== null);
  };

  const load = async (): Promise<TemplateRow> => {
    const r = await readTemplateRow(templateId);
    etag.current = r.etag;
    return r;
  };

  useEffect(() => {
    setRow(undefined);
    setLoadError(undefined);
    load().then(
      (r) => {
        // The text first, in the same render as the row: the editor takes its first text when it appears.
        edited(startingText(r.mapping));
        setRow(r);
      },
      (e: unknown) => setLoadError(messageOf(e)),
    );
    // Read once per template.
  }, [templateId]);

  const reload = async () => {
    try {
      const r = await load();
      setRow(r);
      editor.current?.replace(startingText(r.mapping));
      setSave({ kind: 'idle' });
    } catch (e) {
      setSave({ kind: 'failed', message: messageOf(e) });
    }
  };

  const saveNow = async () => {
    if (!parsed.ok || !etag.current) return;
    setSave({ kind: 'saving' });
    try {
      const answer = await client.send({
        method: ROUTES.saveTemplateMapping.method,
        path: routePath('saveTemplateMapping', { templateId }),
        schema: saveMappingAnswerSchema,
        body: { mapping: parsed.value },
        ifMatch: etag.current,
        // Not retried: a retry of a save that went through would meet its own new ETag and read as someone else's.
        policy: { timeoutMs: 30_000, retries: 0 },
      });
      etag.current = answer.etag ?? answer.body.etag;
      setProblems(anchored(text, problemsOf(answer.body)));
      setChecked(true);
      setSave({ kind: 'saved', state: answer.body.state });
      setRow((r) => r && { ...r, stateLabel: STATE_WORDS[answer.body.state] ?? r.stateLabel });
      onSaved();
    } catch (e) {
      if (e instanceof ConnectorError && e.status === 412) return setSave({ kind: 'conflict' });
      if (e instanceof ConnectorError && e.status === 422) {
        setProblems(
          anchored(
            text,
            e.errors.map((f) => ({ path: f.field, message: f.message, severity: 'error' as const })),
          ),
        );
        setChecked(true);
      }
      setSave({ kind: 'failed', message: messageOf(e) });
    }
  };

  const previewNow = async () => {
    const entity = parsed.ok ? parsed.triggerEntity : undefined;
    if (!parsed.ok || !picked || !entity) return;
    setPreviewing(true);
    setPreviewError(undefined);
    try {
      const answer = await client.call(ROUTES.previewMapping.method, routePath('previewMapping'), previewMappingAnswerSchema, {
        templateId,
        mapping: parsed.value,
        entity,
        recordId: picked.id,
      });
      setPreview({ answer, recordName: picked.name });
    } catch (e) {
      setPreview(undefined);
      setPreviewError(messageOf(e));
    } finally {
      setPreviewing(false);
    }
  };

  if (loadError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{loadError}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!row) return <Spinner size="small" label="Reading the template…" />;

  const saveBlocked = !parsed.ok ? `The mapping cannot be saved while its JSON does not parse (${parsed.reason}).` : undefined;
  const previewBlocked = !parsed.ok
    ? 'Fix the JSON to preview.'
    : parsed.value === null
      ? 'Write a mapping to preview it.'
      : !parsed.triggerEntity
        ? 'Set "trigger_entity" to opportunity or quote to preview.'
        : undefined;

  return (
    <section className={styles.section} aria-labelledby="mapping-heading">
      <div className={styles.header}>
        <Text as="h2" id="mapping-heading" size={500} weight="semibold">
          Mapping of “{row.name}”
        </Text>
        {row.stateLabel && <Badge appearance="outline">{row.stateLabel}</Badge>}
      </div>
      <Label id="mapping-editor-label" htmlFor="mapping-editor">
        Mapping (JSON)
      </Label>
      <Text id="mapping-editor-help" size={200} className={styles.help}>
        Ctrl+Space completes field keys and Dynamics names. Tab indents; press Escape, then Tab, to leave the editor. F8 goes to the next problem.
      </Text>
      <MappingEditor
        key={templateId}
        ref={editor}
        initialText={text}
        labelledBy="mapping-editor-label"
        describedBy="mapping-editor-help"
        problems={problems}
        fields={() => row.fields}
        metadata={metadata}
        onChange={edited}
      />
      <ProblemList
        summary={problemSummary(parsed.ok ? undefined : parsed.reason, problems, checked)}
        text={text}
        problems={problems}
        onReveal={(pos) => editor.current?.reveal(pos)}
      />
      {checkError && (
        <MessageBar intent="warning">
          <MessageBarBody>{checkError}</MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={!!saveBlocked || save.kind === 'saving'}
          aria-describedby={saveBlocked ? 'mapping-save-blocked' : undefined}
          onClick={() => void saveNow()}
        >
          {save.kind === 'saving' ? 'Saving…' : 'Save mapping'}
        </Button>
        {saveBlocked && (
          <Text id="mapping-save-blocked" className={styles.help}>
            {saveBlocked}
          </Text>
        )}
      </div>
      {save.kind === 'saved' && (
        <MessageBar intent={save.state === 'broken' ? 'warning' : 'success'}>
          <MessageBarBody>
            Saved. Mapping state: {STATE_WORDS[save.state] ?? save.state}
            {save.state === 'broken' ? ': the problems listed above keep the template off the Request Contract dialog.' : '.'}
          </MessageBarBody>
        </MessageBar>
      )}
      {save.kind === 'conflict' && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Someone else saved this mapping since you opened it.</MessageBarTitle>
            Your changes are not saved. Reload to see theirs (copy your text first if you want to keep it).
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void reload()}>Reload the mapping</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {save.kind === 'failed' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{save.message}</MessageBarBody>
        </MessageBar>
      )}

      <Text as="h3" size={400} weight="semibold">
        Preview
      </Text>
      <div className={styles.row}>
        <RecordPicker entity={parsed.ok ? parsed.triggerEntity : undefined} disabledReason={previewBlocked} value={picked} onPick={setPicked} />
        <Button disabled={!!previewBlocked || !picked || previewing} onClick={() => void previewNow()}>
          {previewing ? 'Previewing…' : 'Preview'}
        </Button>
      </div>
      {previewError && (
        <MessageBar intent="error">
          <MessageBarBody>{previewError}</MessageBarBody>
        </MessageBar>
      )}
      {preview && <PreviewResult preview={preview.answer} recordName={preview.recordName} />}
    </section>
  );
}
