/**
 * Templates: Sync now (incremental or full, a long run with its progress and counts), the last
 * runs, the template list, and the mapping editor of the template the admin picks.
 */
import type { DateSettings } from '../../lib/date-settings';
import { Button, MessageBar, MessageBarBody, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectorClient } from '../../lib/connector';
import { MappingSection } from './mapping/mapping-section';
import { SyncPanel } from './sync-panel';
import { TemplateList } from './template-list';
import { loadTemplatePage, templateNamedUrl, type TemplateRow } from './template-rows';

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

export function TemplatesSection({ client, dates, openTemplate }: { client: ConnectorClient; dates: DateSettings; openTemplate?: string }) {
  const styles = useStyles();
  // Grows when the templates changed (a sync, a saved mapping): the list reads its page again.
  const [version, setVersion] = useState(0);
  const [openError, setOpenError] = useState<string>();
  const [mode, setMode] = useState<SyncMode>('incremental');
  const [selected, setSelected] = useState<TemplateRow>();
  const editorRef = useRef<HTMLDivElement>(null);
  const opened = useRef(false);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // The page's `template=` data opens that template's mapping (by id, or else by name), asked of Dataverse.
  useEffect(() => {
    if (!openTemplate || opened.current) return;
    opened.current = true;
    loadTemplatePage(templateNamedUrl(openTemplate), dates).then(
      (p) => setSelected(p.rows[0]),
      (e: unknown) => setOpenError(e instanceof Error ? e.message : String(e)),
    );
  }, [openTemplate, dates]);
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
      {openError ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The template to open could not be read from Dataverse: {openError}</MessageBarBody>
        </MessageBar>
      ) : null}
      <TemplateList dates={dates} version={version} selectedId={selected?.id} onEdit={setSelected} />
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
