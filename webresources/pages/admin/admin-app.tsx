/**
 * dtclm_/html/admin.html: the connector's settings page, opened from the app's Settings area.
 * Only for the Dilitrust CLM Admin role: anyone else sees which role it needs and nothing else (the
 * admin routes answer them 403 anyway). The role may come through a team, which the user's own
 * roles in Xrm do not list, so the connector's answer decides.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectorClient } from '../../lib/connector';
import { setUpConnector } from '../../lib/connector-setup';
import { CONNECTOR_ROLE_NAMES } from '../../../api/vocabulary/roles';
import type { UserContext } from '../../lib/xrm-context';
import { hasAdminAccess } from './admin-api';
import type { AdminPageData } from './admin-page-data';
import { HealthSection } from './health-section';
import { PeopleSyncSection } from './people-sync-section';
import { SectionTabs } from './section-tabs';
import { TemplatesSection } from './templates-section';
import { useHealth } from './use-health';
import { WebhookSection } from './webhook-section';
import { OutcomesSection } from './outcomes-section';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1200px' },
  panel: { paddingTop: tokens.spacingVerticalS },
});

type Access = { kind: 'checking' } | { kind: 'admin'; client: ConnectorClient } | { kind: 'not admin' } | { kind: 'failed'; message: string };

const SECTIONS = [
  { value: 'health', label: 'Health' },
  { value: 'templates', label: 'Templates' },
  { value: 'webhook', label: 'Webhook' },
  { value: 'people', label: 'Users and contacts' },
  { value: 'outcomes', label: 'Outcomes' },
] as const;
type SectionName = (typeof SECTIONS)[number]['value'];

function RoleNeeded() {
  return (
    <MessageBar intent="warning" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>This page needs the {CONNECTOR_ROLE_NAMES.admin} role</MessageBarTitle>
        The DiliTrust CLM settings are for administrators. Ask your Dynamics administrator to give you the security role “{CONNECTOR_ROLE_NAMES.admin}” if you
        set up the connector.
      </MessageBarBody>
    </MessageBar>
  );
}

function AdminSections({ client, user, data }: { client: ConnectorClient; user: UserContext; data: AdminPageData }) {
  const styles = useStyles();
  const [section, setSection] = useState<SectionName>(data.template ? 'templates' : 'health');
  const { health, refresh } = useHealth(client);
  // Every section stays mounted (hidden when not selected): a mapping being edited survives a look at Health.
  const panels: Record<SectionName, ReactNode> = {
    health: <HealthSection health={health} onRefresh={refresh} dates={user} />,
    templates: <TemplatesSection client={client} dates={user} openTemplate={data.template} />,
    webhook: <WebhookSection client={client} health={health} onChanged={refresh} />,
    people: <PeopleSyncSection client={client} dates={user} health={health} />,
    outcomes: <OutcomesSection />,
  };
  return (
    <>
      <SectionTabs tabs={SECTIONS} selected={section} onSelect={setSection} label="Settings sections" />
      {SECTIONS.map((s) => (
        <div key={s.value} role="tabpanel" id={`panel-${s.value}`} aria-labelledby={`tab-${s.value}`} hidden={section !== s.value} className={styles.panel}>
          {panels[s.value]}
        </div>
      ))}
    </>
  );
}

export function AdminApp({ user, data }: { user: UserContext; data: AdminPageData }) {
  const styles = useStyles();
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  const hasRole = user.roleNames.has(CONNECTOR_ROLE_NAMES.admin);

  useEffect(() => {
    let current = true;
    setUpConnector(user.userId)
      .then(async (client) => ((await hasAdminAccess(client)) ? ({ kind: 'admin', client } as const) : ({ kind: 'not admin' } as const)))
      .then(
        (a) => current && setAccess(a),
        // Without the role, a failure to reach the connector is not worth showing: the page is not theirs.
        (e: unknown) => current && setAccess(hasRole ? { kind: 'failed', message: e instanceof Error ? e.message : String(e) } : { kind: 'not admin' }),
      );
    return () => {
      current = false;
    };
  }, [user.userId, hasRole]);

  return (
    <div className={styles.page}>
      <Text as="h1" size={600} weight="semibold">
        DiliTrust CLM Settings
      </Text>
      {access.kind === 'checking' ? <Spinner label="Checking your access…" /> : null}
      {access.kind === 'not admin' ? <RoleNeeded /> : null}
      {access.kind === 'failed' ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The connector could not be reached</MessageBarTitle>
            {access.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {access.kind === 'admin' ? <AdminSections client={access.client} user={user} data={data} /> : null}
    </div>
  );
}
