/**
 * Who signs: each `signatories` entry names a record (the trigger record, or one reached through
 * navigation properties) and its name, e-mail and phone columns. An entry whose record is empty is
 * skipped (a quote without a contact still goes out); an entry whose e-mail is empty is an error,
 * because the CLM cannot send anything to sign without one.
 */
import { dataProblem, type MappingProblem } from './errors';
import { dynamicsPathLabels } from './labels';
import type { DataverseMetadata } from './metadata';
import { canonicalNavigation, signatoryNavigation } from './paths';
import { asRecord, type JsonRecord, recordAt } from './record-graph';
import { entitiesAlong } from './reads';
import type { SignatoryEntry } from './schema';

/** clm-api.yaml `Signatory`. */
export interface Signatory {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  order: number;
}

function text(record: JsonRecord, attribute: string): string {
  const v = record[attribute];
  return typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v);
}

export function extractSignatories(
  entries: readonly SignatoryEntry[],
  trigger: JsonRecord,
  triggerEntity: string,
  metadata?: DataverseMetadata,
): { signatories: Signatory[]; errors: MappingProblem[] } {
  const signatories: Signatory[] = [];
  const errors: MappingProblem[] = [];
  entries.forEach((entry, i) => {
    const written = signatoryNavigation(entry.from);
    const record = asRecord(recordAt(trigger, written.map(canonicalNavigation)));
    if (!record) return; // no contact on this record: nobody to add
    const order = entry.order ?? i + 1;
    const email = text(record, entry.email);
    if (!email) {
      const entity = entitiesAlong(triggerEntity, written, metadata).pop() ?? triggerEntity;
      const labels = dynamicsPathLabels(triggerEntity, written, undefined, metadata);
      const attrLabel = dynamicsPathLabels(entity, [], entry.email, metadata);
      const who = [text(record, entry.firstName), text(record, entry.lastName)].filter(Boolean).join(' ');
      errors.push(
        dataProblem(
          'missing_email',
          ['signatories', i, 'email'],
          `Signatory ${order}${who ? ` (${who})` : ''}: ${[...labels, ...attrLabel].join(' > ')} is empty`,
        ),
      );
      return;
    }
    const phone = entry.phone ? text(record, entry.phone) : '';
    signatories.push({
      firstName: text(record, entry.firstName),
      lastName: text(record, entry.lastName),
      email,
      ...(phone ? { phone } : {}),
      order,
    });
  });
  // Signing order first; entries with the same order keep the order they were written in.
  signatories.sort((a, b) => a.order - b.order);
  return { signatories, errors };
}
