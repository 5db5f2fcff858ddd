/**
 * Issue 25, finding 5: the health check's hint fits the CLM failure (connector-api.md: "the hint
 * saying what to fix"): only a refused token calls for new tokens; a 5xx, a time-out and a refused
 * connection each say what they are and what to do.
 */
import { checkHealth, type HealthDeps } from '../../../functions/src/services/health/check-health';
import { UnavailableError, type RemoteFailure } from '../../../functions/src/services/errors';

function depsFailingWith(failure: RemoteFailure): HealthDeps {
  const fail = () => Promise.reject(new UnavailableError('The CLM failed (3 attempts); please try again later.', 5, 'clm', failure));
  return {
    pingDataverse: async () => undefined,
    clm: { getWebhook: fail, setWebhook: fail } as unknown as HealthDeps['clm'],
    connectorUrl: async () => undefined,
    poisonCount: async () => 0,
    scimConfigured: true,
  };
}

async function clmHint(failure: RemoteFailure): Promise<string> {
  const { checks } = await checkHealth(depsFailingWith(failure));
  return checks.find((c) => c.name === 'CLM connection')!.hint;
}

it('asks for new tokens only when the CLM refused them (401)', async () => {
  expect(await clmHint({ status: 401 })).toMatch(/paste new ones/);
  for (const other of [{ status: 500 }, { status: 503 }, { timedOut: true }, { code: 'ECONNREFUSED' }, { code: 'ENOTFOUND' }])
    expect(await clmHint(other)).not.toMatch(/paste new/i);
});

it('says a 5xx is the CLM’s own error, with nothing to change here', async () => {
  expect(await clmHint({ status: 500 })).toMatch(/error of its own \(HTTP 500\): nothing to change here/);
});

it('tells a time-out from a refused connection from a name that does not resolve', async () => {
  expect(await clmHint({ timedOut: true })).toMatch(/did not answer in time/);
  expect(await clmHint({ code: 'ECONNREFUSED' })).toMatch(/Nothing answers at the CLM API address/);
  expect(await clmHint({ code: 'ENOTFOUND' })).toMatch(/does not resolve/);
});
