/** The contracts functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import type { AppFunctions } from '../function-types';
import { previewContractHandler } from './preview';
import { requestContractHandler } from './request-contract';
import { contractSignatoriesHandler, sendForSignatureHandler } from './signature';
import { startValidationHandler, validationFlowsHandler } from './validation';
import { renewalTasksTimer } from './renewal-tasks';
import { contractDocumentHandler, contractDocumentsHandler } from './documents';

export function contractsFunctions(app: AppProvider): AppFunctions {
  return {
    http: [
      { name: 'requestContract', methods: ['POST'], route: 'contracts', handler: requestContractHandler(app) },
      { name: 'previewContract', methods: ['POST'], route: 'contracts/preview', handler: previewContractHandler(app) },
      { name: 'listValidationFlows', methods: ['GET'], route: 'contracts/{contractId}/validation-flows', handler: validationFlowsHandler(app) },
      { name: 'startValidation', methods: ['POST'], route: 'contracts/{contractId}/validation', handler: startValidationHandler(app) },
      { name: 'sendForSignature', methods: ['POST'], route: 'contracts/{contractId}/signature', handler: sendForSignatureHandler(app) },
      { name: 'contractDocuments', methods: ['GET'], route: 'contracts/{contractId}/documents', handler: contractDocumentsHandler(app) },
      { name: 'contractDocument', methods: ['GET'], route: 'contracts/{contractId}/documents/{documentId}', handler: contractDocumentHandler(app) },
      { name: 'contractSignatories', methods: ['GET'], route: 'contracts/{contractId}/signatories', handler: contractSignatoriesHandler(app) },
    ],
    timers: [{ name: 'createRenewalTasks', schedule: '0 0 6 * * *', handler: renewalTasksTimer(app) }],
    queues: [],
  };
}
