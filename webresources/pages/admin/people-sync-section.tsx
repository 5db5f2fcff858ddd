/**
 * Users and contacts: Sync now for user provisioning (SCIM) and for a full contact sync, each with
 * its progress and the last runs' counts, conflicts and errors, or "not set up" with the step to
 * take when its settings are missing.
 */
import type { DateSettings } from '../../lib/date-settings';
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { RunKind } from '../../../api/runs';
import type { ConnectorClient } from '../../lib/connector';
import { SyncPanel } from './sync-panel';
import { contactSyncSetup, userProvisioningSetup, type SetupState } from './sync-setup';
import type { HealthState } from './use-health';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  explain: { color: tokens.colorNeutralForeground2 },
});

interface PartProps {
  client: ConnectorClient;
  dates: DateSettings;
  kind: RunKind;
  title: string;
  explain: string;
  noun: string;
  what: string;
  setup: SetupState;
}

function SyncPart({ client, dates, kind, title, explain, noun, what, setup }: PartProps) {
  const styles = useStyles();
  const id = `${kind}-heading`;
  return (
    <section className={styles.part} aria-labelledby={id}>
      <Text as="h3" size={400} weight="semibold" id={id}>
        {title}
      </Text>
      <Text className={styles.explain}>{explain}</Text>
      {setup.kind === 'unknown' ? <Spinner size="tiny" label="Checking the settings…" /> : null}
      {setup.kind === 'not set up' ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not set up</MessageBarTitle>
            {setup.detail} {setup.step}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {setup.kind === 'ready' ? <SyncPanel client={client} kind={kind} noun={noun} what={what} dates={dates} body={() => ({})} /> : null}
    </section>
  );
}

export function PeopleSyncSection({ client, dates, health }: { client: ConnectorClient; dates: DateSettings; health: HealthState }) {
  const styles = useStyles();
  const [contacts, setContacts] = useState<SetupState>({ kind: 'unknown' });
  useEffect(() => {
    contactSyncSetup().then(setContacts, (e: unknown) =>
      setContacts({
        kind: 'not set up',
        detail: `The contact sync settings could not be read: ${e instanceof Error ? e.message : String(e)}`,
        step: 'Check that you can read the environment variables of the DiliTrust CLM Connector solution.',
      }),
    );
  }, []);
  // Health not answering says nothing about SCIM: offer the sync, whose answer will say.
  const users = health.error && !health.checks ? ({ kind: 'ready' } as const) : userProvisioningSetup(health);

  return (
    <section className={styles.section} aria-labelledby="people-heading">
      <Text as="h2" size={500} weight="semibold" id="people-heading">
        Users and contacts
      </Text>
      <SyncPart
        client={client}
        dates={dates}
        kind="users"
        title="CLM users"
        explain="Dynamics users with a connector role are created, updated or deactivated in the CLM over SCIM. This runs every hour; Sync now runs it at once."
        noun="users"
        what="user provisioning"
        setup={users}
      />
      <SyncPart
        client={client}
        dates={dates}
        kind="contacts"
        title="Contacts"
        explain="Contacts are kept in step both ways between Dynamics and the CLM address book. An incremental sync runs every 15 minutes; Sync now runs a full sync."
        noun="contacts"
        what="contact sync"
        setup={contacts}
      />
    </section>
  );
}
