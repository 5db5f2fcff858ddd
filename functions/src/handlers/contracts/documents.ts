/**
 * `GET /api/contracts/{contractId}/documents` and `GET /api/contracts/{contractId}/documents/{documentId}`
 * (role ReadOnly; connector-api.md): the contract's CLM documents and the bytes of one, as
 * `application/pdf` (or the CLM's content type), inline, with the name the CLM gives it.
 */
import { z } from 'zod';
import { guidSchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { contractDocument, listContractDocuments } from '../../services/contracts/contract-documents';
import { endpoint } from '../http/endpoint';

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
      const d = await contractDocument(params.contractId, params.documentId, caller, app().contracts);
      return {
        status: 200,
        bytes: d.content,
        headers: {
          'Content-Type': d.contentType,
          'Content-Length': String(d.content.length),
          'Content-Disposition': contentDisposition(d.document.name),
          // A person's contract: kept by nobody on the way.
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      };
    },
  });

/** RFC 6266: an ASCII fallback name and the exact one in UTF-8 (filename*), opened inline. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
