/** The renewal reminders, daily at 06:00 UTC (mapping.md `returns.renewalNoticeDays`; services/outcomes/create-renewal-tasks.ts). */
import type { InvocationContext, Timer } from '@azure/functions';
import type { AppProvider } from '../../services/app-services';
import { safeLog } from '../http/safe-log';

export const renewalTasksTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { webhooks, redactor } = app();
    const log = safeLog(context, redactor);
    if (!webhooks.renewalTasks) return;
    const r = await webhooks.renewalTasks(new Date(), (m) => log.warn(m));
    log.info(
      `Renewal tasks: ${r.checked} checked, ${r.created} created, ${r.existing} already there, ${r.notYetDue} not yet due, ${r.skipped} skipped, ${r.failed} failed.`,
    );
  };
