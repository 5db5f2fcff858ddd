/**
 * How the app asks the Functions runtime to run it (`app.setup`, called first by index.ts). HTTP
 * streaming hands each handler the request body as a stream instead of a buffer the host filled
 * first, so the 1 MiB body limit (connector-api.md) bounds memory before a body is read: a refused
 * caller (401/403) costs no body at all, an oversized one only the bytes up to the limit
 * (learn.microsoft.com, "HTTP streams" in the Azure Functions Node.js developer guide). The dev host
 * (sandbox/functions-host) reads this same object, so it streams exactly when Azure does.
 */
import type { SetupOptions } from '@azure/functions';

export const hostSetup = { enableHttpStream: true } as const satisfies SetupOptions;
