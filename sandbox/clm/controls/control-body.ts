import type { Request } from 'express';
import { zodProblems } from '../../../api/zod-problems';
import type { z } from 'zod';
import { ClmError } from '../errors';

/** Parses a test-control body with its zod schema; a wrong body is 400 with one detail per issue. */
export function controlBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.body ?? {});
  if (result.success) return result.data;
  throw new ClmError(400, 'invalid_request', 'The test-control body is not valid', zodProblems(result.error, { input: req.body ?? {} }));
}
