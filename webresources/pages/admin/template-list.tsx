/**
 * The templates with their CLM version, last sync, trigger entity and mapping state (Fits, Broken
 * with its reasons, No mapping), searchable; "Edit mapping" opens a template's mapping editor.
 */
import {
  Badge,
  Button,
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
import { EditRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { MappingState, TemplateRow } from './template-rows';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { overflowX: 'auto' },
  reasons: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  search: { maxWidth: '360px' },
});

/** Enough to find one by eye; more is what the search box is for. */
const SHOWN_AT_MOST = 50;

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

export function TemplateList(props: { rows: TemplateRow[]; locale: string; selectedId?: string; onEdit: (row: TemplateRow) => void }) {
  const styles = useStyles();
  const { rows, locale, selectedId, onEdit } = props;
  const [search, setSearch] = useState('');
  const matching = useMemo(() => {
    const term = search.trim().toLocaleLowerCase(locale);
    return term ? rows.filter((r) => r.name.toLocaleLowerCase(locale).includes(term)) : rows;
  }, [rows, search, locale]);
  const shown = matching.slice(0, SHOWN_AT_MOST);

  return (
    <div className={styles.list}>
      <SearchBox
        className={styles.search}
        aria-label="Search the templates"
        placeholder="Search the templates"
        value={search}
        onChange={(_, d) => setSearch(d.value)}
      />
      <Text role="status">
        {matching.length > shown.length
          ? `Showing ${shown.length} of ${matching.length} templates: search to narrow the list.`
          : `${matching.length} template${matching.length === 1 ? '' : 's'}.`}
      </Text>
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
            {shown.map((row) => (
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
    </div>
  );
}
