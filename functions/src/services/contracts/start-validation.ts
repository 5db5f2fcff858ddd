/**
 * startValidation (`POST /api/contracts/{contractId}/validation`): any validation flow the CLM
 * offers, by `flowId`, or the first one when none is given (the product guide's connector could
 * only run the first). 409 when the contract's status does not allow it (draft or rejected only).
 */
import type { StartValidationAnswer, StartValidationBody } from '../../../../api/contracts';
import { canStartValidation, STATUS_LABEL } from '../../domain/contract';
import { ConflictError, UnprocessableError } from '../errors';
import type { Caller } from '../ports';
import { verifiedClmContract } from './clm-contract-of';
import { contractOf } from './contract-access';
import type { ClmContracts, ContractsStore } from './ports';
import { recordAction } from './record-status';

export async function startValidation(
  contractId: string,
  body: StartValidationBody,
  caller: Caller & { systemUserId: string },
  deps: { store: ContractsStore; clm: ClmContracts; orgUrl?: string },
): Promise<StartValidationAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  await verifiedClmContract(row, deps.clm, deps.orgUrl);
  if (row.status && !canStartValidation(row.status)) {
    throw new ConflictError(
      `The contract "${row.name}" is ${STATUS_LABEL[row.status].toLowerCase()}: only a draft or rejected contract can be sent to validation.`,
    );
  }
  const flows = [...(await deps.clm.listValidationFlows(row.clmContractId))].sort((a, b) => a.position - b.position);
  const flow = body.flowId ? flows.find((f) => f.id === body.flowId) : flows[0];
  if (!flow) {
    throw new UnprocessableError(
      body.flowId
        ? 'This validation flow does not exist for this contract: pick one from the list.'
        : 'The CLM has no validation flow for this contract: ask your CLM administrator to define one.',
      [{ field: 'flowId', message: body.flowId ? `No validation flow "${body.flowId}" for this contract` : 'No validation flow is defined' }],
    );
  }
  const contract = await deps.clm.startValidation(row.clmContractId, flow.id);
  await recordAction(row, contract, { name: 'validation', validationFlow: flow.name, detail: { flowId: flow.id } }, deps.store, caller);
  return { status: contract.status, flow };
}
