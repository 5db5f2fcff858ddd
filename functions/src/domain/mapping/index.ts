/** The mapping engine: a Dataverse record -> CLM template field values (mapping.md). Pure: no I/O. */
export * from './schema';
export * from './errors';
export * from './metadata';
export * from './template';
export { compileReadPlan, renderQuery, expandCount } from './read-plan';
export type { ReadPlan, PlannedRequest, RecordRequest, ExpandNode } from './read-plan';
export { ReadPlanCache } from './plan-cache';
export { orderRows } from './collection-order';
export { assembleGraph, addAnswer, emptyGraph, resolveId } from './record-graph';
export type { RecordGraph, Answer, JsonRecord } from './record-graph';
export { convertRecord } from './convert-record';
export type { Conversion } from './convert-record';
export type { ConversionContext } from './convert/context';
export { validateMapping } from './validate';
export { entitiesToLoad } from './metadata-needs';
export * from './limits';
export { previewFields } from './preview-fields';
export { convertReturns, returnsStatus } from './returns';
