/** What a contract's status does to its record (issue 27): outcome settings, renewal dates. Pure. */
export * from './settings';
export * from './renewal';
