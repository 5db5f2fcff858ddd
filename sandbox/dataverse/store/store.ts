/**
 * The in-memory tables: rows by id, an index per alternate key, a global row version (Dataverse's
 * `versionnumber`, which the ETag carries), a change log for change tracking, and file column
 * contents. A change set runs inside `transaction()`: an undo journal puts every row back if any
 * operation of the set fails.
 */
import type { EntityRef, SeedValue } from '../model/security-types';
import type { Catalog } from '../schema/catalog';

export type Row = Record<string, SeedValue>;

export interface ChangeEntry {
  version: number;
  table: string;
  id: string;
  deleted: boolean;
}

export interface StoredFile {
  fileId: string;
  name: string;
  mimeType: string;
  data: Buffer;
}

type Undo = () => void;

export const isEntityRef = (v: unknown): v is EntityRef =>
  typeof v === 'object' && v !== null && typeof (v as EntityRef).entity === 'string' && typeof (v as EntityRef).id === 'string';

export const normalizeId = (id: string): string => id.replace(/^\{|\}$/g, '').toLowerCase();

export class Store {
  private readonly rows = new Map<string, Map<string, Row>>();
  /** table -> alternate key logical name -> composite value -> id */
  private readonly altIndex = new Map<string, Map<string, Map<string, string>>>();
  private readonly files = new Map<string, StoredFile>();
  private version = 1_000_000;
  readonly changeLog: ChangeEntry[] = [];
  private journal: Undo[] | undefined;

  constructor(private readonly catalog: Catalog) {
    for (const t of catalog.tables.keys()) this.rows.set(t, new Map());
  }

  currentVersion(): number {
    return this.version;
  }

  nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  tableRows(table: string): Map<string, Row> {
    let m = this.rows.get(table);
    if (!m) {
      // Tables the seed holds without a TableDef (intersect tables such as systemuserroles).
      m = new Map();
      this.rows.set(table, m);
    }
    return m;
  }

  get(table: string, id: string): Row | undefined {
    return this.tableRows(table).get(normalizeId(id));
  }

  all(table: string): Row[] {
    return [...this.tableRows(table).values()];
  }

  /** Finds a row by an alternate key's values (attribute -> value as stored). */
  findByAlternateKey(table: string, keyName: string, values: Record<string, SeedValue>): Row | undefined {
    const keyDef = this.catalog.tables.get(table)?.def.alternateKeys?.find((k) => k.logicalName === keyName);
    if (!keyDef) return undefined;
    const id = this.altIndex
      .get(table)
      ?.get(keyName)
      ?.get(compositeKey(keyDef.attributes.map((a) => values[a])));
    return id ? this.get(table, id) : undefined;
  }

  /** The row currently holding the given alternate key values, if any (for duplicate checks). */
  alternateKeyOwner(table: string, row: Row): { keyName: string; id: string } | undefined {
    for (const key of this.catalog.tables.get(table)?.def.alternateKeys ?? []) {
      const values = key.attributes.map((a) => row[a]);
      if (values.some((v) => v === null || v === undefined)) continue;
      const id = this.altIndex.get(table)?.get(key.logicalName)?.get(compositeKey(values));
      if (id) return { keyName: key.logicalName, id };
    }
    return undefined;
  }

  /** Inserts or replaces a row, stamping a new versionnumber and logging the change. */
  put(table: string, id: string, row: Row, opts: { track?: boolean } = {}): Row {
    const key = normalizeId(id);
    const map = this.tableRows(table);
    const previous = map.get(key);
    const stored: Row = { ...row, versionnumber: this.nextVersion() };
    if (previous) this.unindex(table, key, previous);
    map.set(key, stored);
    this.index(table, key, stored);
    if (opts.track !== false) this.changeLog.push({ version: stored.versionnumber as number, table, id: key, deleted: false });
    this.journal?.push(() => {
      this.unindex(table, key, stored);
      if (previous) {
        map.set(key, previous);
        this.index(table, key, previous);
      } else map.delete(key);
    });
    return stored;
  }

  remove(table: string, id: string): void {
    const key = normalizeId(id);
    const map = this.tableRows(table);
    const previous = map.get(key);
    if (!previous) return;
    map.delete(key);
    this.unindex(table, key, previous);
    this.changeLog.push({ version: this.nextVersion(), table, id: key, deleted: true });
    this.journal?.push(() => {
      map.set(key, previous);
      this.index(table, key, previous);
    });
  }

  getFile(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  putFile(file: StoredFile): void {
    const previous = this.files.get(file.fileId);
    this.files.set(file.fileId, file);
    this.journal?.push(() => (previous ? this.files.set(file.fileId, previous) : this.files.delete(file.fileId)));
  }

  /** Runs `work` atomically: if it throws, every row and file it touched is put back. */
  transaction<T>(work: () => T): T {
    const outer = this.journal;
    const journal: Undo[] = [];
    const logLength = this.changeLog.length;
    this.journal = journal;
    try {
      const result = work();
      this.journal = outer;
      outer?.push(...journal);
      return result;
    } catch (e) {
      this.journal = outer;
      for (const undo of journal.reverse()) undo();
      this.changeLog.length = logLength;
      throw e;
    }
  }

  /** Like transaction(), for asynchronous work (a $batch change set). */
  async transactionAsync<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.journal;
    const journal: Undo[] = [];
    const logLength = this.changeLog.length;
    this.journal = journal;
    try {
      const result = await work();
      this.journal = outer;
      outer?.push(...journal);
      return result;
    } catch (e) {
      this.journal = outer;
      for (const undo of journal.reverse()) undo();
      this.changeLog.length = logLength;
      throw e;
    }
  }

  private index(table: string, id: string, row: Row): void {
    for (const key of this.catalog.tables.get(table)?.def.alternateKeys ?? []) {
      const values = key.attributes.map((a) => row[a]);
      if (values.some((v) => v === null || v === undefined)) continue;
      const byKey = this.altIndex.get(table) ?? new Map<string, Map<string, string>>();
      this.altIndex.set(table, byKey);
      const index = byKey.get(key.logicalName) ?? new Map<string, string>();
      byKey.set(key.logicalName, index);
      index.set(compositeKey(values), id);
    }
  }

  private unindex(table: string, id: string, row: Row): void {
    for (const key of this.catalog.tables.get(table)?.def.alternateKeys ?? []) {
      const index = this.altIndex.get(table)?.get(key.logicalName);
      const composite = compositeKey(key.attributes.map((a) => row[a]));
      if (index?.get(composite) === id) index.delete(composite);
    }
  }
}

/** Alternate key values compare like Dataverse: strings case-insensitively, lookups by id. */
function compositeKey(values: (SeedValue | undefined)[]): string {
  return JSON.stringify(values.map((v) => (isEntityRef(v) ? normalizeId(v.id) : typeof v === 'string' ? v.toLowerCase() : (v ?? null))));
}
