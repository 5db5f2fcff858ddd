/**
 * shared/spec/dataverse-model.md read as data: its markdown tables parsed, so that tests compare the
 * solution with the spec itself, not with a copy of it typed into a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './paths';

const DATAVERSE_MODEL_MD = join(SHARED_DIR, 'spec', 'dataverse-model.md');

export interface SpecColumn {
  name: string;
  /** The spec's type words: "text 200", "choice `dtclm_contractstatus`", "lookup to opportunity", ... */
  type: string;
  notes: string;
}

interface SpecTable {
  logicalName: string;
  displayName: string;
  entitySet: string;
  organizationOwned: boolean;
  columns: SpecColumn[];
  /** Alternate key name -> column, from "alternate key `x`" in a column's notes. */
  keys: Record<string, string>;
}

interface SpecChoice {
  name: string;
  options: Array<{ value: number; label: string }>;
}

export interface DataverseSpec {
  tables: SpecTable[];
  choices: SpecChoice[];
  environmentVariables: Array<{ schemaName: string; displayName: string; type: string }>;
  roles: string[];
  webResources: string[];
  /** "Forms, views and the app": component -> what. */
  components: Array<{ component: string; what: string }>;
}

/** Rows of the markdown table starting at line `start` (header and separator skipped), cells trimmed. */
function tableRows(lines: string[], start: number): string[][] {
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    // Split on pipes that are not escaped (`\|` appears inside code spans of the spec).
    rows.push(
      lines[i]!.slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|')),
    );
  }
  return rows;
}

const code = (cell: string) => /`([^`]+)`/.exec(cell)?.[1] ?? cell;

/** The first markdown table after the line matching `heading`. */
function tableAfter(lines: string[], heading: RegExp): string[][] {
  const at = lines.findIndex((l) => heading.test(l));
  if (at < 0) throw new Error(`dataverse-model.md has no line matching ${heading}`);
  const start = lines.findIndex((l, i) => i > at && l.startsWith('|'));
  return tableRows(lines, start);
}

/** "718900000 Fits, 718900001 Broken, 718900002 No mapping: set by ..." -> options. */
function inlineOptions(text: string): Array<{ value: number; label: string }> {
  return [...text.matchAll(/(7189\d{5}) ([^,:]+?)(?=,|:|$)/g)].map((m) => ({ value: Number(m[1]), label: m[2]!.trim() }));
}

export function readDataverseSpec(path = DATAVERSE_MODEL_MD): DataverseSpec {
  const lines = readFileSync(path, 'utf8').split('\n');
  const tables: SpecTable[] = [];
  const choices: SpecChoice[] = [];
  lines.forEach((line, i) => {
    const head = /^### `([a-z_]+)` — (.+), entity set `([a-z_]+)`(, organization-owned)?$/.exec(line);
    if (!head) return;
    const rows = tableRows(
      lines,
      lines.findIndex((l, j) => j > i && l.startsWith('|')),
    );
    const columns = rows.filter((r) => r[0]!.startsWith('`')).map((r) => ({ name: code(r[0]!), type: r[1]!, notes: r[2] ?? '' }));
    const keys: Record<string, string> = {};
    for (const c of columns) for (const k of c.notes.matchAll(/alternate key `([a-z_]+)`/g)) keys[k[1]!] = c.name;
    tables.push({ logicalName: head[1]!, displayName: head[2]!, entitySet: head[3]!, organizationOwned: Boolean(head[4]), columns, keys });
    // Choices given inline in a column: "choice `x`" with its values in the notes, or "choice" with values.
    for (const c of columns) {
      const options = inlineOptions(c.notes);
      if (!c.type.startsWith('choice') || options.length === 0) continue;
      const named = /`([a-z_]+)`/.exec(c.type)?.[1];
      choices.push({ name: named ?? `${head[1]}.${c.name}`, options });
    }
  });
  const statusRows = tableAfter(lines, /^Choice `dtclm_contractstatus` \(global\):/);
  choices.push({ name: 'dtclm_contractstatus', options: statusRows.map((r) => ({ value: Number(r[0]), label: r[1]! })) });

  return {
    tables,
    choices,
    environmentVariables: tableAfter(lines, /^## Environment variables/).map((r) => ({ schemaName: code(r[0]!), displayName: r[1]!, type: r[2]! })),
    roles: tableAfter(lines, /^## Security roles/).map((r) => r[0]!),
    webResources: tableAfter(lines, /^## Web resources/)
      .map((r) => code(r[0]!))
      .filter((n) => !n.includes('*')),
    components: tableAfter(lines, /^## Forms, views and the app/).map((r) => ({ component: r[0]!, what: r[1]! })),
  };
}
