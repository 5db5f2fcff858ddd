/**
 * When the status panel sees a contract of this form's record change, the form's data is
 * refreshed (`data.refresh(false)`): Unified Interface evaluates the command bar's rules again on
 * the form's data load, and Send to Sign's rule asks Dataverse afresh. Not `ui.refreshRibbon`:
 * Microsoft's guidance keeps it out of enable rules and the Power Apps checker flags every call
 * (avoid-ui-refreshribbon; docs/decisions.md). Set up once per form, on the first evaluation of a
 * rule, since the file does no work at load time.
 */
import { onContractsChanged } from '../lib/contract-changes';
import type { FormRecord } from './record';

const listening = new Set<string>();

export function refreshOnContractChange(form: Xrm.FormContext, record: FormRecord): void {
  const key = `${record.entityName}:${record.id}`;
  if (listening.has(key)) return;
  listening.add(key);
  onContractsChanged((change) => {
    if (change.entityName === record.entityName && change.recordId === record.id) form.data.refresh(false);
  });
}
