/**
 * Unified Interface waits at most 10 s for an enable rule's Promise, then treats the rule as false
 * and logs an error. Our rules settle well before: after `ms` they give their fallback.
 */
const RULE_BUDGET_MS = 5000;

export function settleWithin<T>(promise: Promise<T>, fallback: T, ms = RULE_BUDGET_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
