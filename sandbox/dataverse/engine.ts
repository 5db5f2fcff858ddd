/**
 * The emulated environment without its HTTP server: the catalog, the store loaded from the seed,
 * the roles, and `handle()` which runs one Web API request as a caller and answers in Dataverse's
 * shape (every DataverseError becomes its error response).
 */
import { randomUUID } from 'node:crypto';
import type { SchemaDef } from '../../solution/model/types';
import type { RoleDef, SeedData, SeedRow } from './model/security-types';
import { DataverseError, ErrorCodes } from './errors';
import { Catalog, isLookupType } from './schema/catalog';
import { Store, isEntityRef, normalizeId, type Row } from './store/store';
import { Access } from './security/access';
import { refId, type Caller } from './security/caller';
import { annotationFilter, parsePrefer } from './http/prefer';
import { errorResponse, type ApiRequest, type ApiResponse } from './http/types';
import { route, type RouterContext } from './operations/router';
import type { Scope } from './operations/scope';
import { executeBatch } from './operations/batch';
import type { UploadSession } from './operations/files';
import type { MetadataObject, MetadataSource } from './operations/metadata';
import type { Json } from './metadata/labels';
import { inUserLanguage } from './metadata/localized-labels';

export const API_PATH = '/api/data/v9.2/';

/** The caller's UI language, as their user settings name it (1033 when none). */
const languageOf = (caller: Caller): number => caller.uiLanguageId ?? 1033;
const DEFAULT_ORGANIZATION_ID = '0c0a0000-1a2b-4c3d-8e4f-000000000001';

export interface EngineOptions {
  schema: SchemaDef;
  seed: SeedData;
  roles: RoleDef[];
  maxPageSize: number;
  /** The model helper's metadata generator (EntityDefinitions and friends). */
  metadata?: MetadataGenerator;
}

export interface MetadataGenerator {
  entityDefinitions(schema: SchemaDef): MetadataObject[];
  attributeWithOptionSet(schema: SchemaDef, entity: string, attribute: string): MetadataObject | undefined;
  globalOptionSetDefinitions(schema: SchemaDef): MetadataObject[];
}

export class DataverseEngine {
  readonly catalog: Catalog;
  readonly store: Store;
  readonly organizationId: string;
  private readonly uploads = new Map<string, UploadSession>();
  /** EntityDefinitions per UI language: UserLocalizedLabel follows the caller's. */
  private metadataCache = new Map<number, MetadataObject[]>();

  /** The schema the metadata answers: options.schema, with the settings a test switched since. */
  private schema: SchemaDef;

  constructor(private readonly options: EngineOptions) {
    this.schema = options.schema;
    this.catalog = new Catalog(options.schema);
    this.store = new Store(this.catalog);
    this.loadSeed(options.seed);
    const org = this.store.all('organization')[0];
    this.organizationId = org ? normalizeId(String(org.organizationid)) : DEFAULT_ORGANIZATION_ID;
  }

  get roles(): RoleDef[] {
    return this.options.roles;
  }

  async handle(req: ApiRequest, caller: Caller, apiUrl: string, contentIds?: Map<string, string>): Promise<ApiResponse> {
    try {
      const scope = this.scope(req, caller, apiUrl, contentIds);
      return await route(this.routerContext(caller, apiUrl), scope, req);
    } catch (e) {
      if (e instanceof DataverseError) return errorResponse(e);
      const message = e instanceof Error ? e.message : String(e);
      return errorResponse(new DataverseError(500, ErrorCodes.unexpected, `An unexpected error occurred: ${message}`));
    }
  }

  private scope(req: ApiRequest, caller: Caller, apiUrl: string, contentIds?: Map<string, string>): Scope {
    const prefs = parsePrefer(req.headers['prefer']);
    return {
      catalog: this.catalog,
      store: this.store,
      access: new Access(this.catalog, this.store, caller),
      caller,
      apiUrl,
      prefs,
      wantsAnnotation: annotationFilter(prefs.includeAnnotations),
      format: { catalog: this.catalog, store: this.store, localeId: caller.localeId, languageId: languageOf(caller), timeZone: caller.timeZone },
      maxPageSize: this.options.maxPageSize,
      relatedIndex: new Map(),
      contentIds,
    };
  }

  private routerContext(caller: Caller, apiUrl: string): RouterContext {
    return {
      organizationId: this.organizationId,
      uploads: this.uploads,
      roles: this.options.roles,
      metadata: this.metadataSource(languageOf(caller)),
      batch: (req, scope) =>
        executeBatch(
          req,
          scope.prefs.continueOnError,
          API_PATH,
          (inner, contentIds) => this.handle({ ...inner, headers: { ...inner.headers } }, caller, apiUrl, contentIds),
          (work) => this.store.transactionAsync(work),
        ),
    };
  }

  /** The metadata as `languageCode`'s users get it: every Label's UserLocalizedLabel in their language. */
  private metadataSource(languageCode: number): MetadataSource {
    const generator = (): MetadataGenerator => {
      if (!this.options.metadata) throw new DataverseError(404, ErrorCodes.resourceNotFound, "Resource not found for the segment 'EntityDefinitions'.");
      return this.options.metadata;
    };
    return {
      definitions: () => {
        let cached = this.metadataCache.get(languageCode);
        if (!cached) {
          cached = inUserLanguage(generator().entityDefinitions(this.schema) as Json[], languageCode) as MetadataObject[];
          this.metadataCache.set(languageCode, cached);
        }
        return cached;
      },
      attributeWithOptionSet: (entity, attribute) => {
        const found = generator().attributeWithOptionSet(this.schema, entity, attribute);
        return found && (inUserLanguage(found as Json, languageCode) as MetadataObject);
      },
      globalOptionSets: () => inUserLanguage(generator().globalOptionSetDefinitions(this.schema) as Json[], languageCode) as MetadataObject[],
    };
  }

  /**
   * A table's Track changes setting (EntityMetadata.ChangeTrackingEnabled), switched as an admin
   * does in Power Apps (Tables > table > Properties > Advanced options): both the metadata the Web
   * API answers and the change tracking it serves follow it. A copy of the table's definition is
   * changed, never the shared model. False when the table does not exist.
   */
  setChangeTracking(table: string, enabled: boolean): boolean {
    const info = this.catalog.tables.get(table);
    if (!info) return false;
    const def = { ...info.def, changeTrackingEnabled: enabled };
    info.def = def;
    this.schema = { ...this.schema, tables: this.schema.tables.map((t) => (t.logicalName === table ? def : t)) };
    this.metadataCache.clear();
    return true;
  }

  private loadSeed(seed: SeedData): void {
    for (const [table, rows] of Object.entries(seed)) {
      const info = this.catalog.tables.get(table);
      for (const seedRow of rows) {
        const row = info ? this.normalizeSeedRow(table, seedRow) : { ...seedRow };
        const id = info ? row[info.def.primaryIdAttribute] : (seedRow[`${table}id`] ?? randomUUID());
        if (typeof id !== 'string') throw new Error(`Seed row of ${table} has no primary id: ${JSON.stringify(seedRow)}`);
        if (info) row[info.def.primaryIdAttribute] = normalizeId(id);
        this.store.put(table, id, row, { track: false });
      }
    }
  }

  /** Seed rows may leave columns out or give a single-target lookup as a bare GUID. */
  private normalizeSeedRow(table: string, seedRow: SeedRow): Row {
    const info = this.catalog.table(table);
    const row: Row = {};
    for (const attr of info.def.attributes) {
      const value = seedRow[attr.logicalName];
      if (isLookupType(attr) && typeof value === 'string' && attr.targets?.length) row[attr.logicalName] = { entity: attr.targets[0], id: normalizeId(value) };
      else if (isEntityRef(value)) row[attr.logicalName] = { entity: value.entity, id: normalizeId(value.id) };
      else row[attr.logicalName] = value ?? null;
    }
    for (const [k, v] of Object.entries(seedRow)) if (!(k in row)) row[k] = v;
    if (info.def.ownershipType === 'UserOwned' && isEntityRef(row.ownerid) && !isEntityRef(row.owningbusinessunit)) {
      const owner = this.findSeedOwner(row.ownerid.entity, row.ownerid.id);
      const unit = refId(owner?.businessunitid);
      if (unit) row.owningbusinessunit = { entity: 'businessunit', id: unit };
    }
    if (info.attributes.has('statecode') && typeof row.statecode !== 'number') row.statecode = 0;
    return row;
  }

  private findSeedOwner(entity: string, id: string): SeedRow | undefined {
    const info = this.catalog.tables.get(entity);
    const key = info?.def.primaryIdAttribute ?? `${entity}id`;
    return this.options.seed[entity]?.find((r) => typeof r[key] === 'string' && normalizeId(r[key] as string) === normalizeId(id));
  }
}
