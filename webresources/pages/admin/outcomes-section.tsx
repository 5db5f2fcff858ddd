/**
 * The Outcomes section: what a signed contract does to its record (Dilitrust_Outcome_Settings), set
 * with two switches instead of raw JSON. The admin writes the environment variable's value row as
 * themselves (the Admin role has every privilege on environment variables), as the maker portal does.
 */
import { Button, MessageBar, MessageBarBody, Spinner, Switch, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { dataverseRows, dataverseUrl, quoted } from '../../lib/dataverse';
import { ENVIRONMENT_VARIABLES } from '../../../api/vocabulary/environment-variables';
import { choicesOf, settingsJson, type OutcomeChoices } from './outcome-settings';

interface Definition {
  environmentvariabledefinitionid: string;
  defaultvalue?: string | null;
  environmentvariabledefinition_environmentvariablevalue?: { environmentvariablevalueid: string; value?: string | null }[];
}

type State = { kind: 'reading' } | { kind: 'read'; definition: Definition; choices: OutcomeChoices; warning?: string } | { kind: 'failed'; message: string };

async function readDefinition(): Promise<Definition> {
  const rows = await dataverseRows<Definition>(
    dataverseUrl('environmentvariabledefinitions', {
      $select: 'environmentvariabledefinitionid,defaultvalue',
      $filter: `schemaname eq ${quoted(ENVIRONMENT_VARIABLES.outcomeSettings)}`,
      $expand: 'environmentvariabledefinition_environmentvariablevalue($select=environmentvariablevalueid,value)',
    }),
  );
  if (!rows[0]) throw new Error(`The environment variable ${ENVIRONMENT_VARIABLES.outcomeSettings} is missing: is the solution installed?`);
  return rows[0];
}

async function write(definition: Definition, value: string): Promise<void> {
  const row = definition.environmentvariabledefinition_environmentvariablevalue?.[0];
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'OData-MaxVersion': '4.0', 'OData-Version': '4.0' };
  const res = row
    ? await fetch(dataverseUrl(`environmentvariablevalues(${row.environmentvariablevalueid})`), {
        method: 'PATCH',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify({ value }),
      })
    : await fetch(dataverseUrl('environmentvariablevalues'), {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify({
          schemaname: ENVIRONMENT_VARIABLES.outcomeSettings,
          value,
          'EnvironmentVariableDefinitionId@odata.bind': `/environmentvariabledefinitions(${definition.environmentvariabledefinitionid})`,
        }),
      });
  if (!res.ok) {
    const error = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(error.error?.message ?? `Dataverse answered ${res.status}`);
  }
}

export function OutcomesSection() {
  const [state, setState] = useState<State>({ kind: 'reading' });
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string>();
  const load = () =>
    readDefinition().then(
      (definition) => {
        const current = definition.environmentvariabledefinition_environmentvariablevalue?.[0]?.value ?? definition.defaultvalue ?? undefined;
        const read = choicesOf(current ?? undefined);
        setState(
          read.ok
            ? { kind: 'read', definition, choices: read.choices }
            : { kind: 'read', definition, choices: { winOpportunity: false, winQuote: false }, warning: read.message },
        );
      },
      (e: unknown) => setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  useEffect(() => void load(), []);

  if (state.kind === 'reading') return <Spinner label="Reading the outcome settings…" />;
  if (state.kind === 'failed')
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>{state.message}</MessageBarBody>
      </MessageBar>
    );
  const set = (change: Partial<OutcomeChoices>) => {
    setNotice(undefined);
    setState({ ...state, choices: { ...state.choices, ...change } });
  };
  const save = async () => {
    setSaving(true);
    try {
      await write(state.definition, settingsJson(state.choices));
      setNotice('Saved. The connector uses it for the next signed contract.');
      await load();
    } catch (e) {
      setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby="outcomes-heading">
      <Text as="h2" id="outcomes-heading" size={500} weight="semibold">
        Outcomes
      </Text>
      <Text as="p">
        What a signed contract does to its record. Each record is closed once, as its owner would close it; one that cannot be is noted on the contract.
      </Text>
      {state.warning && (
        <MessageBar intent="warning">
          <MessageBarBody>{state.warning}</MessageBarBody>
        </MessageBar>
      )}
      <Switch
        label="Close the opportunity as won when its contract is signed"
        checked={state.choices.winOpportunity}
        onChange={(_, d) => set({ winOpportunity: d.checked })}
      />
      <Switch label="Close the quote as won when its contract is signed" checked={state.choices.winQuote} onChange={(_, d) => set({ winQuote: d.checked })} />
      <div>
        <Button appearance="primary" disabled={saving} onClick={() => void save()}>
          Save outcomes
        </Button>
      </div>
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
