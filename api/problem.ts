/**
 * The error answer of every route (RFC 9457 problem+json, connector-api.md "Rules for every route").
 */
import { z } from 'zod';

const fieldProblemSchema = z.object({ field: z.string(), message: z.string() });
export type FieldProblem = z.infer<typeof fieldProblemSchema>;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(fieldProblemSchema).optional(),
  /** The invocation id: quote it to support, it finds the server's log lines. */
  traceId: z.string(),
  /** An RFC 9457 extension member: the code of the refusal behind it (Dataverse's, e.g. 0x80040220), for support. */
  code: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
