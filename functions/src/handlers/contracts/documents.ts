/**
 * `GET /api/contracts/{contractId}/documents` and `GET /api/contracts/{contractId}/documents/{documentId}`
 * (role ReadOnly; connector-api.md): the contract's CLM documents and the bytes of one, streamed
 * from the CLM as `application/pdf` (or the CLM's content type when it is safe to show,
 * document-headers.ts), with the name the CLM gives it.
 */
import { z } from 'zod';
import { guidSchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { contractDocument, listContractDocuments } from '../../services/contracts/contract-documents';
import { endpoint } from '../http/endpoint';
import { contentDisposition, documentTyping, safeFileName } from './document-headers';

/** A CLM document id: what clm-api.yaml allows in a path segment, bounded. */
const documentIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._~-]+$/, { message: 'is not a CLM document id' });

export const contractDocumentsHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.contractDocuments,
    params: { contractId: guidSchema },
    handle: async ({ params, caller }) => ({ status: 200, body: await listContractDocuments(params.contractId, caller, app().contracts) }),
  });

export const contractDocumentHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.contractDocuments,
    params: { contractId: guidSchema, documentId: documentIdSchema },
    handle: async ({ params, caller }) => {
      const { document, opened } = await contractDocument(params.contractId, params.documentId, caller, app().contracts);
      const typing = documentTyping(opened.contentType, document.contentType);
      return {
        status: 200,
        // Forwarded as the CLM sends them: the first bytes reach the caller before the last leave the CLM.
        stream: opened.body,
        headers: {
          'Content-Type': typing.contentType,
          ...(opened.contentLength !== undefined ? { 'Content-Length': String(opened.contentLength) } : {}),
          'Content-Disposition': contentDisposition(safeFileName(document.name, `document-${params.documentId}`), typing.inline),
          // A person's contract: kept by nobody on the way.
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      };
    },
  });
