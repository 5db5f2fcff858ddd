/**
 * Optimistic concurrency ("Perform conditional operations using the Web API"): `If-Match: W/"v"`
 * names the versions the client saw; any other version is 412 `0x80060882`. `*` only asks that the
 * row exists, which the caller checks.
 */
import { DataverseError, ErrorCodes } from '../errors';
import { etagOf } from '../format/entity';
import type { Row } from '../store/store';

export function checkIfMatch(ifMatch: string | undefined, row: Row): void {
  if (!ifMatch || ifMatch === '*') return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (!tags.includes(etagOf(row))) {
    throw new DataverseError(412, ErrorCodes.concurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");
  }
}
