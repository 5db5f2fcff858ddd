/**
 * Executes one planned request of a read plan through the Dataverse gateway, as the calling user
 * (`CallerObjectId` impersonation, so Dataverse's record security applies) and with every
 * annotation (`Prefer: odata.include-annotations="*"`: labels and formatted values).
 */
import type { Expand } from 'dynamics-web-api';
import type { DataverseGateway } from './client';
import type { Answer, ExpandNode, JsonRecord, RecordRequest } from '../../domain/mapping';
import type { Caller, ReadyRequest, RecordReader } from '../../services/ports';
import { isNotReadable } from './client';
import { guidKey } from './url-values';

/** Turns a table's logical name into its entity set name (`quote` -> `quotes`), e.g. from metadata. */
export type EntitySetResolver = (logicalName: string) => Promise<string>;

export function toExpand(node: ExpandNode): Expand {
  return {
    property: node.navigation,
    ...(node.select.length ? { select: node.select } : {}),
    ...(node.collection?.filter ? { filter: node.collection.filter } : {}),
    ...(node.collection?.orderBy ? { orderBy: [node.collection.orderBy] } : {}),
    ...(node.collection?.top !== undefined ? { top: node.collection.top } : {}),
    ...(node.expand.length ? { expand: node.expand.map(toExpand) } : {}),
  };
}

/**
 * DynamicsWebApi turns ISO date strings into Date objects; the domain reads the Web API's JSON as
 * Dataverse sends it, so they go back to RFC 3339 text (lossless: Dataverse keeps no sub-seconds).
 */
export function asWebApiJson(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return value.map(asWebApiJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asWebApiJson(v)]));
  }
  return value;
}

/** The property Dataverse pages an expanded collection with (`Account_Tasks@odata.nextLink`). */
const nextLinkOf = (navigation: string) => `${navigation}@odata.nextLink`;

export class DataverseRecordReader implements RecordReader {
  constructor(
    private readonly api: DataverseGateway,
    private readonly entitySetOf: EntitySetResolver,
  ) {}

  /**
   * When the query nests, Dataverse pages each expanded collection and says so with
   * `<name>@odata.nextLink` (with a $skiptoken): the remaining pages are read and appended, as the
   * caller. Without nesting the collection is whole and its next link (no paging information) is
   * not followed: the plan marks paged collections with `collection.local`.
   */
  private async readRemainingPages(nodes: readonly ExpandNode[], record: JsonRecord, as: Caller): Promise<void> {
    for (const node of nodes) {
      const key = nextLinkOf(node.navigation);
      let link = record[key];
      const rows = record[node.navigation];
      if (node.collection?.local && Array.isArray(rows)) {
        while (typeof link === 'string' && link) {
          const page = await this.api.retrieveMultiple<JsonRecord>(
            { collection: node.navigation, includeAnnotations: '*', impersonateAAD: as.callerObjectId },
            link,
          );
          rows.push(...page.value.map((r) => asWebApiJson(r) as JsonRecord));
          link = page.oDataNextLink;
        }
      }
      delete record[key];
    }
    // DynamicsWebApi also copies any `x@odata.nextLink` to `oDataNextLink` on the record.
    delete record.oDataNextLink;
  }

  private async retrieveRequest(request: RecordRequest, id: string, as: Caller) {
    return {
      collection: await this.entitySetOf(request.entity),
      key: guidKey(id, `The ${request.entity} id`),
      ...(request.select.length ? { select: request.select } : {}),
      ...(request.expand.length ? { expand: request.expand.map(toExpand) } : {}),
      includeAnnotations: '*',
      impersonateAAD: as.callerObjectId,
    };
  }

  async read(ready: ReadyRequest, as: Caller): Promise<Answer> {
    if (ready.kind === 'record') {
      try {
        const record = asWebApiJson(await this.api.retrieve<JsonRecord>(await this.retrieveRequest(ready.request, ready.id, as))) as JsonRecord;
        await this.readRemainingPages(ready.request.expand, record, as);
        return record;
      } catch (e) {
        // A missing row, or one the caller may not read (Dataverse's access-check error 0x80048306,
        // which errors.ts maps to NotFoundError), reads as "no record": the connector's 404.
        if (isNotReadable(e)) return null;
        throw e;
      }
    }
    // All fixed records in one $batch: one HTTP request whatever their number.
    const requests = await Promise.all(ready.parts.map((p) => this.retrieveRequest(p.request, p.id, as)));
    const results = await this.api.batch(
      requests.map((request) => ({ op: 'retrieve', request })),
      { impersonateAAD: as.callerObjectId, includeAnnotations: '*' } as never,
    );
    return results.map((r: unknown) => {
      if (
        r instanceof Error ||
        (r && typeof r === 'object' && typeof (r as { status?: unknown }).status === 'number' && (r as { status: number }).status >= 400)
      )
        return null;
      return r && typeof r === 'object' ? (asWebApiJson(r) as JsonRecord) : null;
    });
  }
}
