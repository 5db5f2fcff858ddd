/** The contracts functions of the app; `functions/src/routes.ts` gathers every area's list. */
import type { AppProvider } from '../../services/app-services';
import { httpRoute, type AppFunctions } from '../function-types';
import { previewContractHandler } from './preview';
import { requestContractHandler } from './request-contract';
import { contractSignatoriesHandler, sendForSignatureHandler } from './signature';
import { startValidationHandler, validationFlowsHandler } from './validation';
import { renewalTasksTimer } from './renewal-tasks';
import { contractDocumentHandler, contractDocumentsHandler } from './documents';

export function contractsFunctions(app: AppProvider): AppFunctions {
  return {
    http: [
      httpRoute('requestContract', requestContractHandler(app)),
      httpRoute('previewContract', previewContractHandler(app)),
      httpRoute('listValidationFlows', validationFlowsHandler(app)),
      httpRoute('startValidation', startValidationHandler(app)),
      httpRoute('sendForSignature', sendForSignatureHandler(app)),
      httpRoute('contractDocuments', contractDocumentsHandler(app)),
      httpRoute('contractDocument', contractDocumentHandler(app)),
      httpRoute('contractSignatories', contractSignatoriesHandler(app)),
    ],
    timers: [{ name: 'createRenewalTasks', schedule: '0 0 6 * * *', handler: renewalTasksTimer(app) }],
    queues: [],
  };
}
