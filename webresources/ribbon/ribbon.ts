/**
 * The connector's ribbon commands and enable rules on the opportunity and quote main forms
 * (dataverse-model.md, Ribbon). webpack exposes these exports as the global DiliTrustCLM.Ribbon,
 * which the solution's RibbonDiffXml calls with the form (PrimaryControl). This file loads with
 * every opportunity and quote form: it stays small and does no work at load time.
 */
import { formRecord, isSaved } from './record';
import { openContractStatusPanel, openRequestContractDialog } from './dialogs';
import { hasSendableContract } from './sendable-contract';
import { connectorRoles } from './user-roles';
import { isRequestContractVisibleOn } from './visibility-setting';
import { refreshOnContractChange } from './refresh-on-change';
import { settleWithin } from './settle-within';

/**
 * After a dialog closes the record may have a new contract: refresh what the form shows. Only the
 * form's data: the Power Apps checker's avoid-ui-refreshribbon forbids ui.refreshRibbon (duplicated
 * ribbon requests); data.refresh raises the form data OnLoad event, and Send to Sign's enable rule
 * asks Dataverse afresh whenever the command bar evaluates it (docs/decisions.md, "The ribbon after
 * a dialog").
 */
function refreshAfter(form: Xrm.FormContext, dialog: PromiseLike<unknown>): Promise<void> {
  return Promise.resolve(dialog).then(
    () => {
      form.data.refresh(false);
    },
    (error: unknown) => {
      console.error('DiliTrust CLM: the dialog failed to open', error);
    },
  );
}

export function requestContract(primaryControl: Xrm.FormContext): Promise<void> {
  const record = formRecord(primaryControl);
  return refreshAfter(primaryControl, openRequestContractDialog({ entityName: record.entityName, recordId: record.id }));
}

export function openContractStatus(primaryControl: Xrm.FormContext): Promise<void> {
  const record = formRecord(primaryControl);
  // The panel stays open beside the form: nothing to refresh when it opens, only a failure to report.
  return openContractStatusPanel({ entityName: record.entityName, recordId: record.id }).catch((error: unknown) =>
    console.error('DiliTrust CLM: the status panel failed to open', error),
  );
}

/** Sending asks the user to confirm first: the status panel does that, then sends. */
export function sendToSign(primaryControl: Xrm.FormContext): Promise<void> {
  const record = formRecord(primaryControl);
  return openContractStatusPanel({ entityName: record.entityName, recordId: record.id, action: 'sendToSign' }).catch((error: unknown) =>
    console.error('DiliTrust CLM: the status panel failed to open', error),
  );
}

/** A saved record, a user who may request (User, Send to Sign or Admin), and a table where the setting shows the button. */
export async function isRequestContractEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  const record = formRecord(primaryControl);
  if (!isSaved(record)) return false;
  const roles = await connectorRoles();
  if (!roles.has('user') && !roles.has('sendToSign') && !roles.has('admin')) return false;
  // A slow read shows the button (the API still checks), as a failed one does.
  return settleWithin(isRequestContractVisibleOn(record.entityName), true);
}

/** Anyone with a connector role may look at a saved record's contracts. */
export async function isContractStatusEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  return isSaved(formRecord(primaryControl)) && (await connectorRoles()).size > 0;
}

/** Only the Send to Sign role, and only when the record has a contract the CLM would send. */
export async function isSendToSignEnabled(primaryControl: Xrm.FormContext): Promise<boolean> {
  const record = formRecord(primaryControl);
  if (!isSaved(record) || !(await connectorRoles()).has('sendToSign')) return false;
  refreshOnContractChange(primaryControl, record);
  try {
    return await settleWithin(hasSendableContract(record), false);
  } catch {
    // Unknown is "no": an enable rule that throws would leave the command bar in doubt.
    return false;
  }
}

export { isSyncContactEnabled, syncContact } from './sync-contact';
