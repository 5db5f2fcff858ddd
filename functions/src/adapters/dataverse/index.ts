/** The Dataverse adapter of the mapping engine: records, metadata and the caller's settings, through DynamicsWebApi. */
import { createDataverseClient, type DataverseConnection } from './client';
import { DataverseMetadataReader } from './metadata-reader';
import { DataverseRecordReader } from './record-reader';
import { DataverseUserContextReader } from './user-context-reader';

export { isNotReadable } from './client';
export { createDataverse } from './create-dataverse';
export type { Dataverse } from './create-dataverse';
export { createAppTokenProvider, isLoopbackHttp } from './app-token';
export { toServiceError, PreconditionFailedError, DataverseRequestError } from './errors';
export type { DataverseConnection } from './client';
export { toExpand } from './record-reader';
export { entityInfoFromDefinition } from './entity-definitions';
export { ianaFromWindows, localeFromLcid } from './time-zones';

/** Everything previewMapping needs from Dataverse, over one client. */
export function dataverseMappingPorts(connection: DataverseConnection) {
  const api = createDataverseClient(connection);
  const metadata = new DataverseMetadataReader(api);
  return {
    records: new DataverseRecordReader(api, (n) => metadata.entitySetOf(n)),
    metadata,
    userContext: new DataverseUserContextReader(api),
  };
}
