/** The contracts functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { HttpRoute, QueueJob, TimerJob } from '../../routes';
import { previewContractHandler } from './preview';
import { requestContractHandler } from './request-contract';
import { sendForSignatureHandler } from './signature';
import { startValidationHandler, validationFlowsHandler } from './validation';

export const contractsHttpRoutes: HttpRoute[] = [
  { name: 'requestContract', methods: ['POST'], route: 'contracts', handler: requestContractHandler },
  { name: 'previewContract', methods: ['POST'], route: 'contracts/preview', handler: previewContractHandler },
  { name: 'listValidationFlows', methods: ['GET'], route: 'contracts/{contractId}/validation-flows', handler: validationFlowsHandler },
  { name: 'startValidation', methods: ['POST'], route: 'contracts/{contractId}/validation', handler: startValidationHandler },
  { name: 'sendForSignature', methods: ['POST'], route: 'contracts/{contractId}/signature', handler: sendForSignatureHandler },
];
export const contractsTimerJobs: TimerJob[] = [];
export const contractsQueueJobs: QueueJob[] = [];
