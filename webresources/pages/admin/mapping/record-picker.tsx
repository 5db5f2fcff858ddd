/**
 * A searchable picker of rows of the trigger entity (opportunities or quotes), for the preview:
 * the admin types part of a name, Dataverse answers the first matches by name.
 */
import { Combobox, Field, Option } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { dataverseRows, dataverseUrl, quoted } from '../../../lib/dataverse';
import { TRIGGER_TABLES } from '../../../lib/entity-sets';

export interface PickedRecord {
  id: string;
  name: string;
}

const SHOWN = 25;
const TYPING_PAUSE_MS = 250;

async function searchRows(entity: string, search: string): Promise<PickedRecord[]> {
  const table = TRIGGER_TABLES[entity];
  if (!table) return [];
  const idColumn = `${entity}id`;
  const rows = await dataverseRows<Record<string, unknown>>(
    dataverseUrl(table.entitySet, {
      $select: `${idColumn},${table.nameColumn}`,
      $filter: search.trim() ? `contains(${table.nameColumn},${quoted(search.trim())})` : undefined,
      $orderby: table.nameColumn,
      $top: String(SHOWN),
    }),
  );
  return rows.map((r) => ({ id: String(r[idColumn]), name: typeof r[table.nameColumn] === 'string' ? (r[table.nameColumn] as string) : '(no name)' }));
}

export function RecordPicker(props: {
  entity: string | undefined;
  disabledReason?: string;
  value: PickedRecord | undefined;
  onPick(record: PickedRecord | undefined): void;
}) {
  const { entity } = props;
  const [search, setSearch] = useState('');
  const [rows, setRows] = useState<PickedRecord[]>([]);
  const [failure, setFailure] = useState<string>();
  const label = entity ? `Record to preview (${TRIGGER_TABLES[entity]?.displayName ?? entity})` : 'Record to preview';

  useEffect(() => {
    if (!entity || props.disabledReason) return;
    let current = true;
    const timer = setTimeout(() => {
      searchRows(entity, search).then(
        (found) => {
          if (!current) return;
          setRows(found);
          setFailure(undefined);
        },
        (e: unknown) => current && setFailure(e instanceof Error ? e.message : 'The records could not be read.'),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [entity, search, props.disabledReason]);

  return (
    <Field label={label} validationMessage={failure ?? props.disabledReason} validationState={failure ? 'error' : 'none'}>
      <Combobox
        freeform
        disabled={!entity || !!props.disabledReason}
        placeholder="Type part of a name"
        value={search}
        selectedOptions={props.value ? [props.value.id] : []}
        onChange={(e) => {
          setSearch(e.target.value);
          props.onPick(undefined);
        }}
        onOptionSelect={(_, data) => {
          const picked = rows.find((r) => r.id === data.optionValue);
          props.onPick(picked);
          setSearch(picked?.name ?? '');
        }}
      >
        {rows.map((r) => (
          <Option key={r.id} value={r.id}>
            {r.name}
          </Option>
        ))}
        {rows.length === 0 && (
          <Option key="none" value="" disabled>
            No record matches
          </Option>
        )}
      </Combobox>
    </Field>
  );
}
