/**
 * `npm run bench -- status-panel`: what an open status panel costs and how fast it follows, in
 * headless Chromium against the sandbox and the form harness (the built web resources).
 *
 *  - idle: the panel open on a record with contracts, nothing changing, for 60 s
 *    (STATUS_PANEL_IDLE_SECONDS): the panel's Dataverse requests from the emulator's request log,
 *    counted when they came in (`receivedAt`), the most in any 5 s window, their sizes, and whether
 *    each was a small one (versions and status only, no annotations); and the gaps between the
 *    page's own starts of them (Resource Timing);
 *  - follow: the CLM moves three contracts four times each (STATUS_PANEL_MOVES), each move after a
 *    random pause so changes land anywhere on the panel's 5 s grid; for each, the time from
 *    Dataverse taking the change (the connector's write, from the same log) to the panel showing it
 *    (stamped by the page's clock, checked every animation frame), and from the CLM move (webhook, queue poll and
 *    processor included). Load average beside the figures: the machine is shared.
 */
import { loadavg } from 'node:os';
import type { Frame } from 'playwright-core';
import { SEED_IDS } from '../sandbox/dataverse/seed/ids';
import { demoUserToken } from '../sandbox/identity';
import type { RequestLogEntry } from '../sandbox/dataverse';
import { clmContracts, moveClmContract, startBrowserWorld } from '../tests/e2e/browser-world';

const IDLE_SECONDS = Number(process.env.STATUS_PANEL_IDLE_SECONDS ?? 60);
const CONTRACTS = 3;
const MOVES: Array<[string, string]> = [
  ['in_validation', 'In validation'],
  ['validated', 'Validated'],
  ['sent_for_signature', 'Sent for signature'],
  ['signed', 'Signed'],
];

async function requestLog(dataverseUrl: string): Promise<RequestLogEntry[]> {
  return (await (await fetch(`${dataverseUrl}/_sandbox/requests`)).json()) as RequestLogEntry[];
}
const clearLog = (dataverseUrl: string) => fetch(`${dataverseUrl}/_sandbox/requests`, { method: 'DELETE' });

/** The panel's own reads: the harness forwards them with the user's token (no CallerObjectId, unlike the connector's). */
const isPanelRead = (r: RequestLogEntry) => r.method === 'GET' && r.callerObjectId === null && r.url.includes('/dtclm_contracts');
const isCheck = (r: RequestLogEntry) => decodeURIComponent(r.url).includes('$select=versionnumber,dtclm_status');

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function distribution(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0] ?? null,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    max: s[s.length - 1] ?? null,
    over5000: s.filter((v) => v > 5000).length,
  };
}

/** Resolves with the page's clock when the card's status badge reads `label`. */
function shownAt(frame: Frame, name: string, label: string): Promise<number> {
  return frame
    .waitForFunction(
      ([n, l]) => {
        const card = [...document.querySelectorAll('[role="article"]')].find((a) => a.querySelector('h2')?.textContent === n);
        return card?.querySelector(`[aria-label="Status: ${l}"]`) ? Date.now() : false;
      },
      [name, label] as const,
      { polling: 'raf', timeout: 60_000 },
    )
    .then((h) => h.jsonValue() as Promise<number>);
}

export async function run(): Promise<Record<string, unknown>> {
  const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));
  const bw = await startBrowserWorld();
  try {
    const { world } = bw;
    const token = await demoUserToken(world.identity.tokenEndpoint, 'rep');
    const names = Array.from({ length: CONTRACTS }, (_, i) => `Bench panel ${i + 1}`);
    for (const name of names) {
      const made = await fetch(`${world.functions.url}/contracts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          entity: 'opportunity',
          recordId: SEED_IDS.opportunity,
          templateId: world.demoTemplates!.nda,
          requestKey: crypto.randomUUID(),
          name,
        }),
      });
      if (!made.ok) throw new Error(`POST /contracts: ${made.status} ${await made.text()}`);
    }

    const { page } = await bw.openForm('opportunity', SEED_IDS.opportunity, 'rep');
    await page.getByRole('button', { name: 'Contract Status' }).click();
    const pane = page.frameLocator('iframe[title="Contract Status"]');
    for (const name of names) await pane.getByRole('article', { name }).waitFor();
    const frame = (await (await page.$('iframe[title="Contract Status"]'))!.contentFrame())!;

    // Idle. Beside the emulator's log, when the panel's page started each Web API request (its
    // Resource Timing entries, on the page's own clock): its start-to-start spacing, before the
    // harness's proxy and a loaded machine add their varying delays.
    await clearLog(world.dataverse.url);
    const idleStart = Date.now();
    await page.waitForTimeout(IDLE_SECONDS * 1000);
    const sentAt = await frame.evaluate((since) => {
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/data/'))
        .map((e) => performance.timeOrigin + e.startTime)
        .filter((t) => t >= since)
        .sort((a, b) => a - b);
    }, idleStart);
    const sentGaps = sentAt.slice(1).map((t, i) => Math.round(t - sentAt[i]!));
    const idle = (await requestLog(world.dataverse.url)).filter((r) => r.url.startsWith('/api/data/'));
    const times = idle.map((r) => Date.parse(r.receivedAt) - idleStart).sort((a, b) => a - b);
    const maxPer5s = Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 5000).length));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);

    // Follow.
    const clm = (await clmContracts(world)).filter((c) => names.includes(c.name));
    const afterDataverse: number[] = [];
    const afterClm: number[] = [];
    const followRequests: RequestLogEntry[] = [];
    let followMs = 0;
    for (const [to, label] of MOVES) {
      for (const c of clm) {
        // A random pause: the change lands anywhere on the panel's 5 s grid, not just after a check.
        await page.waitForTimeout(Math.random() * 5000);
        await clearLog(world.dataverse.url);
        const t0 = Date.now();
        const shown = shownAt(frame, c.name, label);
        await moveClmContract(world, c.id, to);
        const at = await shown;
        const log = await requestLog(world.dataverse.url);
        followMs += Date.now() - t0;
        followRequests.push(...log.filter(isPanelRead));
        const write =
          log.find((r) => r.method === 'PATCH' && r.url.includes('dtclm_contracts(')) ?? log.find((r) => r.method === 'POST' && r.url.includes('$batch'));
        afterClm.push(at - t0);
        if (write) afterDataverse.push(at - Date.parse(write.at));
      }
    }
    return {
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))),
      idleSeconds: IDLE_SECONDS,
      idleRequests: idle.length,
      idleSmallRequests: idle.filter(isCheck).length,
      idleMaxRequestsIn5s: maxPer5s,
      idleMinGapMs: gaps.length ? Math.min(...gaps) : null,
      idleMaxGapMs: gaps.length ? Math.max(...gaps) : null,
      idleBrowserRequests: sentAt.length,
      idleBrowserMinGapMs: sentGaps.length ? Math.min(...sentGaps) : null,
      idleBrowserMaxGapMs: sentGaps.length ? Math.max(...sentGaps) : null,
      idleMaxBytes: Math.max(0, ...idle.map((r) => r.bytes)),
      idleStatuses: [...new Set(idle.map((r) => r.status))],
      changeVisibleAfterDataverseMs: distribution(afterDataverse),
      changeVisibleAfterClmMs: distribution(afterClm),
      changeVisibleAfterDataverseAllMs: afterDataverse,
      changeVisibleAfterClmAllMs: afterClm,
      followSeconds: Math.round(followMs / 1000),
      followPanelChecks: followRequests.filter(isCheck).length,
      followPanelFullReads: followRequests.filter((r) => !isCheck(r)).length,
    };
  } finally {
    await bw.close();
  }
}
