/**
 * The renewal task (mapping.md `returns.renewalNoticeDays`): due `renewalNoticeDays` before the
 * contract's end date, created once that day has come.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the notice date: the end date less the notice days (calendar days, UTC). */
export function noticeDate(endDate: string, noticeDays: number): string {
  const end = Date.parse(`${endDate.slice(0, 10)}T00:00:00Z`);
  return new Date(end - noticeDays * DAY_MS).toISOString().slice(0, 10);
}

/** Whether the task is due at `now`: on or after the notice date (a missed day is made good the next). */
export function renewalDue(endDate: string, noticeDays: number, now: Date): boolean {
  return now.toISOString().slice(0, 10) >= noticeDate(endDate, noticeDays);
}

export function renewalSubject(contractName: string): string {
  return `Renew: ${contractName}`.slice(0, 200);
}
