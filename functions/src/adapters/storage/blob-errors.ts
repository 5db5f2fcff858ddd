/** Azure Storage failures as the connector's errors. */
import { RestError } from '@azure/storage-blob';
import { UnavailableError } from '../../services/errors';

export function statusOf(e: unknown): number | undefined {
  return e instanceof RestError ? e.statusCode : undefined;
}

export function storageUnavailable(e: unknown): unknown {
  const status = statusOf(e);
  if (e instanceof RestError && (status === undefined || status >= 500 || status === 408)) {
    return new UnavailableError('The connector’s storage account is unavailable; please try again later.', 5, 'storage');
  }
  return e;
}
