import type { ContractStore } from './contracts/contract-store';
import type { StatusChange } from './contracts/contract-types';
import type { ContractStatus } from './contracts/status-machine';

/**
 * Under `npm start`, contracts move by themselves as people in a real CLM would move them, so a
 * person trying the product sees the status panel change: a validation is approved, and a
 * signature completed, `delayMs` after it started. A contract whose name contains "[reject]" or
 * "[decline]" is rejected or declined instead, to try the unhappy paths by hand.
 */
export class LifecycleDriver {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly contracts: ContractStore,
    private readonly delayMs: number,
  ) {
    contracts.onStatusChange((change) => this.onChange(change));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private onChange(change: StatusChange): void {
    const { status, name, id } = change.contract;
    if (status === 'in_validation') this.later(id, status, /\[reject\]/i.test(name) ? 'rejected' : 'validated');
    if (status === 'sent_for_signature') this.later(id, status, /\[decline\]/i.test(name) ? 'declined' : 'signed');
  }

  private later(contractId: string, from: ContractStatus, to: ContractStatus): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // Someone (a test control, a cancel) may have moved the contract meanwhile: then do nothing.
      if (this.stopped || this.contracts.get(contractId)?.status !== from) return;
      this.contracts.move(contractId, to).catch((error: unknown) => console.error(`[clm sandbox] lifecycle driver: ${(error as Error).message}`));
    }, this.delayMs);
    this.timers.add(timer);
  }
}
