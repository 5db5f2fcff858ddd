/**
 * The templates with their CLM version, last sync, trigger entity and mapping state (Fits, Broken
 * with its reasons, No mapping), searched and paged by Dataverse; "Edit mapping" opens a template's mapping editor.
 */
import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  SearchBox,
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
import { ChevronLeftRegular, ChevronRightRegular, EditRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { DateSettings } from '../../lib/date-settings';
import { firstPageUrl, loadTemplatePage, TEMPLATES_PER_PAGE, type MappingState, type TemplatePage, type TemplateRow } from './template-rows';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { overflowX: 'auto' },
  reasons: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  search: { maxWidth: '360px' },
  pager: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

const STATE_BADGES: Record<MappingState, { label: string; color: 'success' | 'danger' | 'informative' | 'subtle' }> = {
  fits: { label: 'Fits', color: 'success' },
  broken: { label: 'Broken', color: 'danger' },
  none: { label: 'No mapping', color: 'informative' },
  unchecked: { label: 'Not checked yet', color: 'subtle' },
};

function MappingStateCell({ row }: { row: TemplateRow }) {
  const styles = useStyles();
  const badge = STATE_BADGES[row.mappingState];
  return (
    <>
      <Badge appearance="tint" color={badge.color}>
        {badge.label}
      </Badge>
      {row.mappingState === 'broken' && row.mappingErrors.length > 0 ? (
        <ul className={styles.reasons} aria-label={`Why the mapping of ${row.name} is broken`}>
          {row.mappingErrors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The list a page at a time: a search asks Dataverse again (300 ms after the last key), Next
 * follows the page's `@odata.nextLink`, Previous goes back to a page already seen. `version`
 * changes when the templates did (a sync, a saved mapping): the current search is read again.
 */
export function TemplateList(props: { dates: DateSettings; version: number; selectedId?: string; onEdit: (row: TemplateRow) => void }) {
  const styles = useStyles();
  const { dates, version, selectedId, onEdit } = props;
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  // The URLs of the pages seen for this search, and the one shown.
  const [trail, setTrail] = useState<string[]>([firstPageUrl('')]);
  const [loaded, setLoaded] = useState<{ url: string; index: number; page: TemplatePage }>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const timer = setTimeout(() => setAsked(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  useEffect(() => setTrail([firstPageUrl(asked)]), [asked, version]);
  const index = trail.length - 1;
  const url = trail[index];
  useEffect(() => {
    let current = true;
    loadTemplatePage(url, dates).then(
      (p) => {
        if (!current) return;
        setLoaded({ url, index, page: p });
        setError(undefined);
      },
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [url, index, dates]);

  const page = loaded?.page;
  // While the next page loads, the one shown stays and the pager waits.
  const loading = loaded?.url !== url;
  // What is said is what is shown: the page loaded, not the one asked for.
  const from = (loaded?.index ?? 0) * TEMPLATES_PER_PAGE;
  const total = page ? (page.countExceeded ? `more than ${page.count.toLocaleString(dates.locale)}` : page.count.toLocaleString(dates.locale)) : '';
  const summary = !page
    ? 'Reading the templates…'
    : page.rows.length === 0
      ? asked.trim()
        ? `No template name contains “${asked.trim()}”.`
        : 'No template yet: sync them from DiliTrust CLM.'
      : `Templates ${(from + 1).toLocaleString(dates.locale)}–${(from + page.rows.length).toLocaleString(dates.locale)} of ${total}.`;

  return (
    <div className={styles.list}>
      <SearchBox
        className={styles.search}
        aria-label="Search the templates"
        placeholder="Search the templates"
        value={search}
        onChange={(_, d) => setSearch(d.value)}
      />
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>The templates could not be read from Dataverse: {error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Text role="status">{summary}</Text>
      <div className={styles.table}>
        <Table aria-label="Templates" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Template</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>CLM version</TableHeaderCell>
              <TableHeaderCell>Last sync</TableHeaderCell>
              <TableHeaderCell>Trigger entity</TableHeaderCell>
              <TableHeaderCell>Mapping</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(page?.rows ?? []).map((row) => (
              <TableRow key={row.id}>
                <TableCell>{row.name}</TableCell>
                <TableCell>{row.active ? 'Active' : 'Inactive'}</TableCell>
                <TableCell>{row.clmVersion}</TableCell>
                <TableCell>{row.lastSynced}</TableCell>
                <TableCell>{row.triggerEntity || '—'}</TableCell>
                <TableCell>
                  <MappingStateCell row={row} />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    icon={<EditRegular />}
                    aria-label={`Edit the mapping of ${row.name}`}
                    aria-pressed={row.id === selectedId}
                    onClick={() => onEdit(row)}
                  >
                    {row.id === selectedId ? 'Editing' : 'Edit mapping'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className={styles.pager} role="group" aria-label="Pages of templates">
        <Button icon={<ChevronLeftRegular />} disabled={trail.length < 2 || loading} onClick={() => setTrail((t) => t.slice(0, -1))}>
          Previous page
        </Button>
        <Text>Page {((loaded?.index ?? 0) + 1).toLocaleString(dates.locale)}</Text>
        <Button
          icon={<ChevronRightRegular />}
          iconPosition="after"
          disabled={!page?.next || loading}
          onClick={() => {
            const next = page?.next;
            if (next) setTrail((t) => [...t, next]);
          }}
        >
          Next page
        </Button>
      </div>
    </div>
  );
}
