/** Failures the contact sync ports signal, so the service can re-read and merge or fall back. */

/** The record moved on since it was read (Dataverse 412 on If-Match, CLM 412): read again and merge. */
export class StaleContactError extends Error {
  constructor(readonly side: 'dynamics' | 'clm') {
    super(`The ${side === 'dynamics' ? 'Dynamics' : 'CLM'} contact changed since it was read.`);
    this.name = 'StaleContactError';
  }
}

/** Dataverse no longer has the delta link (older than its change-tracking retention): a full sync follows. */
export class DeltaLinkExpiredError extends Error {
  constructor() {
    super('The Dataverse delta link expired; a full sync is needed.');
    this.name = 'DeltaLinkExpiredError';
  }
}

/** The CLM refused a second active contact with the same e-mail (409). */
export class DuplicateEmailError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'DuplicateEmailError';
  }
}
