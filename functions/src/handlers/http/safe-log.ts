/**
 * The logger handlers and services get: every line goes through the app's Redactor before it
 * reaches the Functions host, so no token or secret is ever written, whoever wrote the log call.
 */
import type { InvocationContext } from '@azure/functions';
import type { Redactor } from '../../services/logging/redactor';

export interface SafeLog {
  info(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}

export function safeLog(context: Pick<InvocationContext, 'log' | 'warn' | 'error'>, redactor: Redactor): SafeLog {
  const line = (parts: unknown[]) => parts.map((p) => redactor.redactValue(p)).join(' ');
  return {
    info: (...p) => context.log(line(p)),
    warn: (...p) => context.warn(line(p)),
    error: (...p) => context.error(line(p)),
  };
}
