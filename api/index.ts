/**
 * The connector's HTTP API as zod schemas and their types, shared by the functions and the web
 * resources: nothing here may import Node-only modules.
 */
export * from './problem';
export * from './contracts';
export * from './admin';
export * from './runs';
