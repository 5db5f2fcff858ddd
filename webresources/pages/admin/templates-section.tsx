/**
 * Templates: Sync now (incremental or full, a long run with its progress and counts), the last
 * runs, the template list, and the mapping editor of the template the admin picks.
 */
import type { DateSettings } from '../../lib/date-settings';
import { Button, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectorClient } from '../../lib/connector';
import { MappingSection } from './mapping/mapping-section';
import { SyncPanel } from './sync-panel';
import { TemplateList } from './template-list';
import { loadTemplateRows, type TemplateRow } from './template-rows';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  editor: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  editorHeader: { display: 'flex', justifyContent: 'flex-end' },
});

type SyncMode = 'incremental' | 'full';

/** The row `wanted` names: its id, or else its name (the page's `template=` data). */
function rowNamed(rows: TemplateRow[], wanted: string): TemplateRow | undefined {
  const id = wanted.replace(/[{}]/g, '').toLowerCase();
  return rows.find((r) => r.id.toLowerCase() === id) ?? rows.find((r) => r.name === wanted);
}

export function TemplatesSection({ client, dates, openTemplate }: { client: ConnectorClient; dates: DateSettings; openTemplate?: string }) {
  const styles = useStyles();
  const [rows, setRows] = useState<TemplateRow[]>();
  const [rowsError, setRowsError] = useState<string>();
  const [mode, setMode] = useState<SyncMode>('incremental');
  const [selected, setSelected] = useState<TemplateRow>();
  const editorRef = useRef<HTMLDivElement>(null);
  const opened = useRef(false);

  const reload = useCallback(() => {
    loadTemplateRows().then(
      (r) => {
        setRows(r);
        setRowsError(undefined);
        if (openTemplate && !opened.current) {
          opened.current = true;
          setSelected(rowNamed(r, openTemplate));
        }
      },
      (e: unknown) => setRowsError(e instanceof Error ? e.message : String(e)),
    );
  }, [openTemplate]);
  useEffect(reload, [reload]);
  useEffect(() => {
    if (selected) editorRef.current?.scrollIntoView({ block: 'start' });
  }, [selected]);

  const options = (
    <RadioGroup layout="horizontal" aria-label="Kind of sync" value={mode} onChange={(_, d) => setMode(d.value as SyncMode)}>
      <Radio value="incremental" label="Incremental: the templates changed since the last sync" />
      <Radio value="full" label="Full: every template; those gone from the CLM are deactivated" />
    </RadioGroup>
  );

  return (
    <section className={styles.section} aria-labelledby="templates-heading">
      <Text as="h2" size={500} weight="semibold" id="templates-heading">
        Templates
      </Text>
      <SyncPanel
        client={client}
        kind="templates"
        noun="templates read"
        what="template sync"
        dates={dates}
        options={options}
        body={() => (mode === 'full' ? { full: true } : {})}
        onFinished={reload}
      />
      {rowsError ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The templates could not be read from Dataverse: {rowsError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {rows ? (
        <TemplateList rows={rows} locale={dates.locale} selectedId={selected?.id} onEdit={setSelected} />
      ) : rowsError ? null : (
        <Spinner size="small" label="Loading the templates…" />
      )}
      {selected ? (
        // The section names itself (its heading "Mapping of ..."); this frame only adds the way out.
        <div className={styles.editor} ref={editorRef}>
          <div className={styles.editorHeader}>
            <Button appearance="subtle" icon={<DismissRegular />} onClick={() => setSelected(undefined)}>
              Close the mapping editor
            </Button>
          </div>
          <MappingSection key={selected.id} client={client} templateId={selected.id} onSaved={reload} />
        </div>
      ) : null}
    </section>
  );
}
