/**
 * The status panel tells the form its record's contracts changed, so the command bar can show what
 * now applies (Send to Sign gone once a contract is signed) without a reload. A BroadcastChannel of
 * the app's origin: the side pane's page and the form's ribbon script run in frames of one origin,
 * and neither holds the other's window.
 */
const CHANNEL = 'dtclm_contract_changes';

export interface ContractsChanged {
  entityName: string;
  recordId: string;
}

export function announceContractsChanged(change: ContractsChanged): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(change);
  channel.close();
}

export function onContractsChanged(listener: (change: ContractsChanged) => void): void {
  if (typeof BroadcastChannel === 'undefined') return;
  new BroadcastChannel(CHANNEL).onmessage = (e: MessageEvent<ContractsChanged>) => listener(e.data);
}
