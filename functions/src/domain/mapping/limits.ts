/**
 * Dataverse's documented limits on one Web API query; the read plan splits rather than pass them.
 */

/**
 * "You can include up to 15 $expand options in a query. Each $expand option creates a join."
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/join-tables
 * Every expanded navigation property counts, nested ones included.
 */
export const MAX_EXPANDS_PER_QUERY = 15;

/**
 * "The maximum length of URL accepted is 32 KB (32768 characters)"; inside a $batch body a URL may
 * be up to 64 KB. https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors#maximum-url-length
 */
export const MAX_URL_LENGTH = 32_768;

/** Room kept for `https://<org>.crm<n>.dynamics.com/api/data/v9.2/` in front of the planned path. */
export const URL_BASE_ALLOWANCE = 512;

/** "Batch requests can contain up to 1000 individual requests." (execute-batch-operations-using-web-api) */
export const MAX_BATCH_REQUESTS = 1000;

// $orderby and $top inside the $expand of a collection-valued navigation property are "Not
// supported with nested $expand" (join-tables, table of options): collection rows are therefore
// read with their own columns only, never through a further $expand (validate.ts refuses it).
