/**
 * sendForSignature (`POST /api/contracts/{contractId}/signature`, role Send to Sign): signatories
 * from the body, else those signatories-to-send.ts finds (the contract's own, given at request
 * time, else the template's read afresh from the record). None at all is 422 `no_signatory`, in
 * words. 409 unless draft or validated.
 */
import type { SendForSignatureAnswer, SendForSignatureBody } from '../../../../api/contracts';
import { canSendForSignature, STATUS_LABEL } from '../../domain/contract';
import { ConflictError, UnprocessableError } from '../errors';
import type { Caller } from '../ports';
import { verifiedClmContract } from './clm-contract-of';
import { contractOf } from './contract-access';
import type { ContractsStore } from './ports';
import { recordAction } from './record-status';
import { signatoriesToSend, type SignatoriesDeps } from './signatories-to-send';

export interface SendForSignatureDeps extends SignatoriesDeps {
  store: ContractsStore;
  /** This organization's URL, which the CLM contract's externalRef must name. */
  orgUrl?: string;
}

export async function sendForSignature(
  contractId: string,
  body: SendForSignatureBody,
  caller: Caller & { systemUserId: string },
  deps: SendForSignatureDeps,
): Promise<SendForSignatureAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  const onClm = await verifiedClmContract(row, deps.clm, deps.orgUrl);
  if (row.status && !canSendForSignature(row.status)) {
    throw new ConflictError(
      `The contract "${row.name}" is ${STATUS_LABEL[row.status].toLowerCase()}: only a draft or validated contract can be sent for signature.`,
    );
  }
  let signatories = body.signatories ?? [];
  if (!signatories.length) {
    const found = await signatoriesToSend(row, caller, deps, onClm);
    if (found.errors.length)
      throw new UnprocessableError('A signatory has no e-mail address: fill it in Dynamics, or give the signatories in the dialog.', found.errors);
    signatories = found.signatories;
  }
  if (!signatories.length) {
    throw new UnprocessableError(
      'No one to sign: add the signatories in the dialog, or fill the contact the template takes them from (name and e-mail), then try again.',
      [{ field: 'signatories', message: 'No signatory is known for this contract' }],
    );
  }
  const contract = await deps.clm.sendForSignature(row.clmContractId, signatories);
  await recordAction(row, contract, { name: 'signature', detail: { signatories: signatories.length } }, deps.store, caller);
  return { status: contract.status };
}
