/** dtclm_contractstatus (dataverse-model.md): choice value, CLM status, label. */
import type { ContractStatus } from '../../api/contracts';

const STATUS_BY_VALUE: Record<number, { status: ContractStatus | 'failed'; label: string }> = {
  718900000: { status: 'draft', label: 'Draft' },
  718900001: { status: 'in_validation', label: 'In validation' },
  718900002: { status: 'validated', label: 'Validated' },
  718900003: { status: 'rejected', label: 'Rejected' },
  718900004: { status: 'sent_for_signature', label: 'Sent for signature' },
  718900005: { status: 'signed', label: 'Signed' },
  718900006: { status: 'declined', label: 'Declined' },
  718900007: { status: 'expired', label: 'Expired' },
  718900008: { status: 'cancelled', label: 'Cancelled' },
  718900009: { status: 'failed', label: 'Failed' },
};

/** The English label of a dtclm_contractstatus value (the panel prefers the label Dataverse formatted in the user's language). */
export function labelOfStatusValue(value: number): string | undefined {
  return STATUS_BY_VALUE[value]?.label;
}

export function labelOfClmStatus(status: string): string {
  return Object.values(STATUS_BY_VALUE).find((s) => s.status === status)?.label ?? status;
}

/** Still moving in the CLM (not signed, declined, expired, cancelled, nor a request that failed): worth re-reading from it. */
export function isOpenStatus(value: number | null | undefined): boolean {
  const s = value === null || value === undefined ? undefined : STATUS_BY_VALUE[value]?.status;
  return s === 'draft' || s === 'in_validation' || s === 'validated' || s === 'rejected' || s === 'sent_for_signature';
}

/** Badge colour: done well, done badly, or still moving. */
export function statusTone(value: number | null | undefined): 'success' | 'danger' | 'informative' | 'warning' {
  const s = value === null || value === undefined ? undefined : STATUS_BY_VALUE[value]?.status;
  if (s === 'signed' || s === 'validated') return 'success';
  if (s === 'rejected' || s === 'declined' || s === 'expired' || s === 'cancelled' || s === 'failed') return 'danger';
  if (s === 'in_validation' || s === 'sent_for_signature') return 'warning';
  return 'informative';
}
