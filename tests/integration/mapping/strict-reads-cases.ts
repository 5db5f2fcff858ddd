/**
 * The reads the strict emulator must not change: every demo template's mapping on its demo record,
 * and the bench's 3-level, 1:N, fixed-mapping quote. Each is previewed as the rep (caches warmed
 * first), and the Web API requests of the read are counted from the emulator's own request log.
 * `strict-reads.baseline.json` holds what the same reads gave before the emulator was made strict.
 */
import { emulatorReadCase } from '../../../bench/mapping';
import { dataverseMappingPorts } from '../../../functions/src/adapters/dataverse';
import type { TemplateField } from '../../../functions/src/domain/mapping';
import { previewMapping } from '../../../functions/src/services/mapping/preview-mapping';
import { SEED_TEMPLATES } from '../../../sandbox/clm/templates/seed-templates';
import { DEMO_MAPPINGS } from '../../../sandbox/demo-templates';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUser } from '../../../sandbox/seed/identities';
import type { MappingWorld } from './world';

export interface ReadCase {
  name: string;
  mapping: unknown;
  template: { name: string; fields: readonly TemplateField[] };
  recordId: string;
}

/** The record bench/mapping.ts reads from the emulator (its emulatorReadCase). */
const benchCase = (): ReadCase => ({ name: 'bench: quote, 3 levels, 1:N, fixed', ...emulatorReadCase() });

export function readCases(): ReadCase[] {
  const demo = Object.entries(DEMO_MAPPINGS).map(([clmId, { mapping }]): ReadCase => {
    const template = SEED_TEMPLATES.find((t) => t.id === clmId);
    if (!template) throw new Error(`no CLM seed template ${clmId}`);
    const trigger = (mapping as { trigger_entity: string }).trigger_entity;
    return {
      name: `demo: ${template.name}`,
      mapping,
      template: { name: template.name, fields: template.fields as TemplateField[] },
      recordId: trigger === 'quote' ? SEED_IDS.quote : SEED_IDS.opportunity,
    };
  });
  return [...demo, benchCase()];
}

export interface ReadOutcome {
  name: string;
  preview: { name: string; fields: unknown; signatories: unknown; errors: unknown };
  requests: number;
  urls: string[];
}

export async function runReadCase(world: MappingWorld, c: ReadCase): Promise<ReadOutcome> {
  const ports = dataverseMappingPorts({ url: world.dataverse.url, getToken: world.getToken });
  const input = { mapping: c.mapping, template: c.template, recordId: c.recordId, caller: { callerObjectId: demoUser('rep').objectId } };
  await previewMapping(input, ports); // warms the metadata and user-settings caches
  await world.clearRequests();
  const p = await previewMapping(input, ports);
  const log = await world.requests();
  return {
    name: c.name,
    preview: { name: p.name, fields: p.fields, signatories: p.signatories, errors: p.errors },
    requests: log.length,
    urls: log.map((e) => `${e.status} ${e.method} ${decodeURIComponent(e.url)}`),
  };
}
