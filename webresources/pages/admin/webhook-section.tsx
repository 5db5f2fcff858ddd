/**
 * Webhook: whether the CLM sends its status changes to this connector (the health check "Webhook"),
 * and Register / Rotate the secret (`POST /api/admin/webhook`) with the revokePrevious choice.
 */
import { Badge, Button, Checkbox, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConnectorClient } from '../../lib/connector';
import { registerWebhook } from './admin-api';
import { ReplayEvents } from './replay-events';
import { checkNamed, type HealthState } from './use-health';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '760px' },
  state: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  explain: { color: tokens.colorNeutralForeground2 },
});

/** The name of the webhook's check in `GET /api/admin/health`. */
const WEBHOOK_CHECK = 'Webhook';

type Outcome = { kind: 'none' } | { kind: 'working' } | { kind: 'done'; url: string; revoked: boolean } | { kind: 'failed'; message: string };

export function WebhookSection({ client, health, onChanged }: { client: ConnectorClient; health: HealthState; onChanged: () => void }) {
  const styles = useStyles();
  const [revokePrevious, setRevokePrevious] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const check = checkNamed(health, WEBHOOK_CHECK);
  const registered = check?.ok === true;

  async function register(): Promise<void> {
    setOutcome({ kind: 'working' });
    try {
      const answer = await registerWebhook(client, revokePrevious);
      setOutcome({ kind: 'done', url: answer.webhook_url, revoked: revokePrevious });
      onChanged();
    } catch (e) {
      setOutcome({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <section className={styles.section} aria-labelledby="webhook-heading">
      <Text as="h2" size={500} weight="semibold" id="webhook-heading">
        Webhook
      </Text>
      <Text className={styles.explain}>
        The CLM tells the connector about every status change through a signed webhook. Registering points the CLM at this connector with a new secret.
      </Text>
      {check ? (
        <div className={styles.state} role="status">
          <Badge appearance="tint" color={registered ? 'success' : 'danger'}>
            {registered ? 'Registered' : 'Not registered to this connector'}
          </Badge>
          <Text>{check.detail}</Text>
          {check.hint ? <Text>What to do: {check.hint}</Text> : null}
        </div>
      ) : health.loading ? (
        <Spinner size="tiny" label="Reading the webhook's state…" />
      ) : (
        <Text role="status">The webhook's state is not known: the health check did not report it.</Text>
      )}
      <Checkbox
        checked={revokePrevious}
        onChange={(_, d) => setRevokePrevious(d.checked === true)}
        label="Stop accepting the previous secret at once (only if it leaked)"
      />
      <Text className={styles.explain} id="revoke-explained">
        {revokePrevious
          ? 'The previous secret is refused as soon as the new one is in place: a delivery the CLM signed with the old secret alone is refused. Use this when the secret leaked.'
          : 'The previous secret stays accepted for 24 hours, so deliveries already on their way are not refused. This is the right choice for a routine rotation.'}
      </Text>
      <div>
        <Button appearance="primary" onClick={() => void register()} disabled={outcome.kind === 'working'} aria-describedby="revoke-explained">
          {registered ? 'Rotate the secret' : 'Register webhook'}
        </Button>
      </div>
      {outcome.kind === 'working' ? <Spinner size="small" label="Registering the webhook with the CLM…" /> : null}
      {outcome.kind === 'done' ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            <MessageBarTitle>Webhook registered</MessageBarTitle>
            The CLM now sends status changes to {outcome.url}, signed with a new secret.
            {outcome.revoked ? ' The previous secret is no longer accepted.' : ' The previous secret stays accepted for 24 hours.'}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {outcome.kind === 'failed' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <MessageBarTitle>The webhook could not be registered</MessageBarTitle>
            {outcome.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <ReplayEvents client={client} health={health} onChanged={onChanged} />
    </section>
  );
}
