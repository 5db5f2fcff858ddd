/**
 * What template sync needs: the CLM's templates page by page, and the `dtclm_template` rows
 * (read once, written in `$batch`es). Implemented by the CLM client and
 * adapters/dataverse/template-rows.ts; unit tests use fakes.
 */
import { MAPPING_STATE_VALUE } from '../../../../api/vocabulary/choices';
import type { TemplateField } from '../../domain/mapping';
import type { Caller } from '../ports';

/** A CLM template (clm-api.yaml Template), the parts the sync keeps. */
export interface ClmTemplate {
  id: string;
  name: string;
  status: 'active' | 'archived';
  version: number;
  updatedAt: string;
  fields: TemplateField[];
}

export interface ClmTemplatePage {
  data: ClmTemplate[];
  nextCursor: string | null;
}

export interface ClmTemplateSource {
  /** GET /templates (status all); the next pages with `cursor` and the same filters. */
  page(query: { cursor?: string; updatedSince?: string; limit: number }): Promise<ClmTemplatePage>;
}

/** `dtclm_mappingstate` (dataverse-model.md). */
export const MAPPING_STATE = MAPPING_STATE_VALUE;
export type MappingState = keyof typeof MAPPING_STATE;

/** What the sync reads of every row: enough to decide whether to write, not the big fields column. */
export interface TemplateRowSummary {
  id: string;
  clmTemplateId: string;
  clmVersion: number | null;
  active: boolean;
  mappingState: MappingState | null;
  /** The admin's mapping (JSON text), checked again when the template's fields change. */
  mappingJson: string | null;
}

/** The columns the sync owns. Never `dtclm_mapping` (the admin's), nor `dtclm_triggerentity` (set on save). */
export interface TemplateRowValues {
  name: string;
  clmVersion: number;
  fieldsJson: string;
  lastSyncedOn: string;
  active: boolean;
  mappingState: MappingState;
  mappingErrors: string | null;
}

export type TemplateWrite =
  | { op: 'create'; clmTemplateId: string; values: TemplateRowValues }
  | { op: 'update'; rowId: string; clmTemplateId: string; values: Partial<TemplateRowValues> };

/** Per write, in order: done, the key refused a duplicate (a row appeared since it was read), or refused. */
export type WriteOutcome = { ok: true; rowId?: string } | { ok: false; duplicate: true } | { ok: false; duplicate: false; message: string };

export interface TemplateRows {
  /** Every row, page after page (a few requests even for 10,000 rows). */
  readAll(): Promise<TemplateRowSummary[]>;
  /**
   * One `$batch` (no change set: one refused row does not undo the others). A create makes an
   * active row (Dataverse sets the state of a new row itself); an inactive one is deactivated by a
   * later update. A create's outcome carries the new row id.
   */
  write(writes: TemplateWrite[]): Promise<WriteOutcome[]>;
  /** By `$filter` (CLM ids may hold characters Dataverse refuses in a key URL). */
  findByClmId(clmTemplateId: string): Promise<TemplateRowSummary | undefined>;
}

// ---- the admin mapping routes (mapping-admin.ts) ----

/** A `dtclm_template` row as the admin routes read it. */
export interface TemplateForAdmin {
  id: string;
  name: string;
  clmTemplateId: string;
  active: boolean;
  fieldsJson: string | null;
  mappingJson: string | null;
  mappingState: MappingState | null;
  etag: string;
}

export interface MappingSave {
  mappingJson: string | null;
  triggerEntity: string | null;
  state: MappingState;
  errorsText: string | null;
}

export interface TemplateAdminStore {
  /** As the caller; undefined when missing or not readable by them. */
  read(templateId: string, as: Caller): Promise<TemplateForAdmin | undefined>;
  /** As the caller, only over `ifMatch`; answers the new ETag. Throws ChangedSinceReadError (412) when the row moved on. */
  saveMapping(templateId: string, save: MappingSave, ifMatch: string, as: Caller): Promise<string>;
  /** Active templates whose mapping is Broken (as the app; for the health check). */
  brokenActive(): Promise<{ id: string; name: string; errors: string | null }[]>;
}
