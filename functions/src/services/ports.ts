/**
 * Ports: what the services need from the world, implemented by adapters (functions/src/adapters).
 * Services depend on these interfaces only, so they run against fakes in unit tests.
 */
import type { Answer, DataverseMetadata, RecordRequest } from '../domain/mapping';

/** Whose rights a Dataverse read runs with: the calling user's Entra object id (`CallerObjectId`). */
export interface Caller {
  callerObjectId: string;
}

/** A planned request whose record ids are known (the trigger id given, earlier answers read). */
export type ReadyRequest =
  | { kind: 'record'; request: RecordRequest; id: string }
  | { kind: 'batch'; parts: { request: RecordRequest; id: string }[] };

/** Executes one planned Web API request as the caller; a record that is missing or hidden from them is null. */
export interface RecordReader {
  read(request: ReadyRequest, as: Caller): Promise<Answer>;
}

/** Dataverse metadata (EntityDefinitions) of the given tables; unknown tables are simply absent. */
export interface MetadataReader {
  load(logicalNames: readonly string[]): Promise<DataverseMetadata>;
}

/** The caller's time zone (IANA) and locale (BCP 47), from their Dynamics user settings. */
export interface UserContextReader {
  contextOf(as: Caller): Promise<{ timeZone: string; locale: string }>;
}
