/**
 * `npm run bench -- status-panel`: what an open status panel costs and how fast it follows, in
 * headless Chromium against the sandbox and the form harness (the built web resources).
 *
 *  - idle: the panel open on a record with a contract, nothing changing, for 60 s
 *    (STATUS_PANEL_IDLE_SECONDS): Dataverse requests counted from the emulator's request log,
 *    the most in any 5 s window, and whether each was a small one (versions only, no annotations);
 *  - follow: the CLM moves the contract four times; for each, the time from Dataverse taking the
 *    change (the connector's write, from the same log) to the panel showing it, and from the CLM move.
 */
import { SEED_IDS } from '../sandbox/dataverse/seed/ids';
import { demoUserToken } from '../sandbox/identity';
import type { RequestLogEntry } from '../sandbox/dataverse';
import { clmContracts, moveClmContract, startBrowserWorld } from '../tests/e2e/browser-world';

const IDLE_SECONDS = Number(process.env.STATUS_PANEL_IDLE_SECONDS ?? 60);

async function requestLog(dataverseUrl: string): Promise<RequestLogEntry[]> {
  return (await (await fetch(`${dataverseUrl}/_sandbox/requests`)).json()) as RequestLogEntry[];
}

export async function run(): Promise<Record<string, unknown>> {
  const bw = await startBrowserWorld();
  try {
    const { world } = bw;
    const token = await demoUserToken(world.identity.tokenEndpoint, 'rep');
    const made = await fetch(`${world.functions.url}/contracts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        entity: 'opportunity',
        recordId: SEED_IDS.opportunity,
        templateId: world.demoTemplates!.nda,
        requestKey: crypto.randomUUID(),
        name: 'Bench panel',
      }),
    });
    if (!made.ok) throw new Error(`POST /contracts: ${made.status} ${await made.text()}`);

    const { page } = await bw.openForm('opportunity', SEED_IDS.opportunity, 'rep');
    await page.getByRole('button', { name: 'Contract Status' }).click();
    const pane = page.frameLocator('iframe[title="Contract Status"]');
    const card = pane.getByRole('article', { name: 'Bench panel' });
    await card.waitFor();

    // Idle.
    await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
    const idleStart = Date.now();
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    const idle = (await requestLog(world.dataverse.url)).filter((r) => r.url.startsWith('/api/data/'));
    const times = idle.map((r) => Date.parse(r.at) - idleStart).sort((a, b) => a - b);
    const maxPer5s = Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 5000).length));
    // The log stamps a request when it is answered: a slow answer followed by a quick one shortens
    // the gap seen here below the panel's own 5.05 s start-to-start interval.
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const small = idle.filter((r) => decodeURIComponent(r.url).includes('$select=versionnumber')).length;

    // Follow.
    const [clm] = (await clmContracts(world)).filter((c) => c.name === 'Bench panel');
    const moves: Array<[string, string]> = [
      ['in_validation', 'In validation'],
      ['validated', 'Validated'],
      ['sent_for_signature', 'Sent for signature'],
      ['signed', 'Signed'],
    ];
    const afterDataverse: number[] = [];
    const afterClm: number[] = [];
    for (const [to, label] of moves) {
      await fetch(`${world.dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
      const t0 = Date.now();
      await moveClmContract(world, clm.id, to);
      await card.getByLabel(`Status: ${label}`).waitFor({ timeout: 60_000 });
      const shownAt = Date.now();
      const write = (await requestLog(world.dataverse.url)).find((r) => r.method === 'PATCH' && r.url.includes('dtclm_contracts('));
      afterClm.push(shownAt - t0);
      if (write) afterDataverse.push(shownAt - Date.parse(write.at));
    }
    return {
      idleSeconds: IDLE_SECONDS,
      idleRequests: idle.length,
      idleSmallRequests: small,
      idleMaxRequestsIn5s: maxPer5s,
      idleMinGapMs: gaps.length ? Math.min(...gaps) : null,
      idleStatuses: [...new Set(idle.map((r) => r.status))],
      changeVisibleAfterDataverseMsMax: afterDataverse.length ? Math.max(...afterDataverse) : null,
      changeVisibleAfterDataverseMs: afterDataverse,
      changeVisibleAfterClmMs: afterClm,
    };
  } finally {
    await bw.close();
  }
}
