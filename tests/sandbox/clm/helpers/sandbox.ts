import { startClm, type ClmSandbox, type ClmSandboxOptions } from '../../../../sandbox/clm';
import { ClmTestClient } from './client';

/** A started sandbox with a client holding a fresh access token. */
export async function startWithClient(opts: ClmSandboxOptions = {}): Promise<{ clm: ClmSandbox; client: ClmTestClient }> {
  const clm = await startClm({ autoLifecycle: false, ...opts });
  const client = new ClmTestClient(clm.apiBase);
  client.token = (await clm.issueTokens()).access_token;
  return { clm, client };
}
