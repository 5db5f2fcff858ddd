/**
 * The CLM REST API (shared/spec/clm-api.yaml), every path, over axios. Each call:
 * - takes the API base from the environment variable dtclm_api_url and the access token from the
 *   token store;
 * - goes through withRetry (time-out per attempt, 429 Retry-After, 5xx/time-outs back-off);
 *   calls that are not idempotent (start validation, send for signature) are resent only when the
 *   CLM certainly did nothing (429, connection refused); contract and contact creation carry an
 *   Idempotency-Key, and contact changes an If-Match, which make a resend safe;
 * - on a 401 invalid_token asks the token store for a refresh, passing the token that failed, and
 *   is made once more;
 * - validates the answer with the zod schemas of schemas.ts and maps errors (errors.ts).
 * A document's bytes come two ways: buffered (getDocumentContent: the signed PDF the webhook stores
 * in Dataverse) or streamed (openDocument: the documents route), where withRetry covers only the
 * connection and the headers and the body goes on under guardedBody's idle and total time-outs.
 */
import axios, { type AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { BodyTimeouts } from '../../config';
import { classifyUnsafe, guardedBody, validAnswer, withRetry, type RetryPolicy } from '../resilience';
import type { ClmAccessTokens } from './access-tokens';
import { ClmAnswerError, ClmHttpError, toServiceError } from './errors';
import { exchange, type ClmAnswer } from './http';
import * as s from './schemas';

export interface ClmClientOptions {
  apiBase: () => Promise<string>;
  tokens: ClmAccessTokens;
  /** config.clmRetry plus test hooks. */
  retry: Omit<RetryPolicy, 'service'>;
  http?: AxiosInstance;
  /** A streamed document's body (openDocument); default: 20 s idle, 200 s in all. */
  documentBody?: BodyTimeouts;
}

/** A document as the CLM answers it, its bytes still on the way. */
export interface OpenedClmDocument {
  body: ReadableStream<Uint8Array>;
  /** The answer's Content-Type, as given (the caller checks it). */
  contentType?: string;
  /** The answer's Content-Length when it is a whole number. */
  contentLength?: number;
}

interface Call<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  operation: string;
  params?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** undefined: any 2xx without a body is fine (PUT /webhook). */
  schema?: z.ZodType<T>;
  binary?: boolean;
  streamed?: boolean;
  /** Resend only what certainly did not run (429, connection refused). */
  unsafe?: boolean;
}

const id = (v: string) => encodeURIComponent(v);

export class ClmClient {
  private readonly http: AxiosInstance;

  constructor(private readonly o: ClmClientOptions) {
    this.http = o.http ?? axios.create();
  }

  // --- folders and templates ---

  getFolder(folderId: string): Promise<s.Folder> {
    return this.call({ method: 'GET', path: `/folders/${id(folderId)}`, operation: 'GET /folders/{id}', schema: s.folder });
  }

  listTemplates(query: { cursor?: string; limit?: number; updatedSince?: string; status?: 'active' | 'archived' | 'all' } = {}): Promise<s.Page<s.Template>> {
    return this.call({ method: 'GET', path: '/templates', operation: 'GET /templates', params: query, schema: s.templatePage });
  }

  /** Every template, page after page (the cursor carries the filters). */
  async *allTemplates(query: { limit?: number; updatedSince?: string; status?: 'active' | 'archived' | 'all' } = {}): AsyncGenerator<s.Template> {
    let page = await this.listTemplates(query);
    for (;;) {
      yield* page.data;
      if (!page.nextCursor) return;
      page = await this.listTemplates({ cursor: page.nextCursor, ...(query.limit ? { limit: query.limit } : {}) });
    }
  }

  getTemplate(templateId: string): Promise<s.Template> {
    return this.call({ method: 'GET', path: `/templates/${id(templateId)}`, operation: 'GET /templates/{id}', schema: s.template });
  }

  // --- contracts ---

  /** Safe to repeat with the same key: the CLM answers the contract the first call made. */
  createContract(body: s.CreateContractRequest, idempotencyKey: string): Promise<s.Contract> {
    return this.call({
      method: 'POST',
      path: '/contracts',
      operation: 'POST /contracts',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
      schema: s.contract,
    });
  }

  getContract(contractId: string): Promise<s.Contract> {
    return this.call({ method: 'GET', path: `/contracts/${id(contractId)}`, operation: 'GET /contracts/{id}', schema: s.contract });
  }

  async listValidationFlows(contractId: string): Promise<s.ValidationFlow[]> {
    const list = await this.call({
      method: 'GET',
      path: `/contracts/${id(contractId)}/validation-flows`,
      operation: 'GET /contracts/{id}/validation-flows',
      schema: s.validationFlowList,
    });
    return list.data;
  }

  /** The first defined flow when `flowId` is left out. */
  startValidation(contractId: string, flowId?: string): Promise<s.Contract> {
    return this.call({
      method: 'POST',
      path: `/contracts/${id(contractId)}/validations`,
      operation: 'POST /contracts/{id}/validations',
      body: flowId ? { flowId } : {},
      schema: s.contract,
      unsafe: true,
    });
  }

  /** `signatories`, when given, replace the contract's. */
  sendForSignature(contractId: string, signatories?: s.Signatory[]): Promise<s.Contract> {
    return this.call({
      method: 'POST',
      path: `/contracts/${id(contractId)}/signature`,
      operation: 'POST /contracts/{id}/signature',
      body: signatories ? { signatories } : {},
      schema: s.contract,
      unsafe: true,
    });
  }

  async getDocumentContent(contractId: string, documentId: string): Promise<{ content: Buffer; contentType: string }> {
    const answer = await this.raw({
      method: 'GET',
      path: `/contracts/${id(contractId)}/documents/${id(documentId)}/content`,
      operation: 'GET /contracts/{id}/documents/{id}/content',
      binary: true,
    });
    if (!(answer.data instanceof ArrayBuffer) && !Buffer.isBuffer(answer.data))
      throw new ClmAnswerError('GET /contracts/{id}/documents/{id}/content', ['the body is not bytes']);
    return { content: Buffer.from(answer.data as ArrayBuffer), contentType: answer.contentType ?? 'application/octet-stream' };
  }

  /**
   * The bytes of a document as they come: the time-outs and retries (token refresh included) cover
   * the connection and the headers; from the first byte on nothing is resent, and a body that
   * stalls or outlasts `documentBody` ends the stream in an error.
   */
  async openDocument(contractId: string, documentId: string): Promise<OpenedClmDocument> {
    const operation = 'GET /contracts/{id}/documents/{id}/content';
    const answer = await this.raw({ method: 'GET', path: `/contracts/${id(contractId)}/documents/${id(documentId)}/content`, operation, streamed: true });
    const source = answer.data as Readable;
    if (answer.status !== 200) {
      source.destroy();
      throw new ClmAnswerError(operation, [`HTTP ${answer.status} is not the document's 200`]);
    }
    const length = Number(answer.header('content-length'));
    return {
      body: guardedBody(source, this.o.documentBody ?? { idleMs: 20_000, totalMs: 200_000 }, operation),
      ...(answer.contentType ? { contentType: answer.contentType } : {}),
      ...(Number.isSafeInteger(length) && length >= 0 ? { contentLength: length } : {}),
    };
  }

  // --- webhook registration ---

  getWebhook(): Promise<s.WebhookRegistration> {
    return this.call({ method: 'GET', path: '/webhook', operation: 'GET /webhook', schema: s.webhookRegistration });
  }

  /** The secret travels to the CLM only; it is never logged. */
  async putWebhook(registration: { webhook_url: string; secret: string; events?: 'contract.status_changed'[] }): Promise<void> {
    await this.raw({ method: 'PUT', path: '/webhook', operation: 'PUT /webhook', body: registration });
  }

  // --- contacts ---

  listContacts(query: { cursor?: string; limit?: number; updatedSince?: string; email?: string; externalId?: string } = {}): Promise<s.Page<s.Contact>> {
    return this.call({ method: 'GET', path: '/contacts', operation: 'GET /contacts', params: query, schema: s.contactPage });
  }

  async *allContacts(query: { limit?: number; updatedSince?: string; email?: string; externalId?: string } = {}): AsyncGenerator<s.Contact> {
    let page = await this.listContacts(query);
    for (;;) {
      yield* page.data;
      if (!page.nextCursor) return;
      page = await this.listContacts({ ...query, cursor: page.nextCursor });
    }
  }

  createContact(body: s.CreateContactRequest, idempotencyKey: string): Promise<s.Contact> {
    return this.call({
      method: 'POST',
      path: '/contacts',
      operation: 'POST /contacts',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
      schema: s.contact,
    });
  }

  getContact(contactId: string): Promise<s.Contact> {
    return this.call({ method: 'GET', path: `/contacts/${id(contactId)}`, operation: 'GET /contacts/{id}', schema: s.contact });
  }

  /** 412 (ClmVersionConflictError) when the contact moved on since `version`: read again and merge. */
  patchContact(contactId: string, version: number, patch: s.ContactPatch): Promise<s.Contact> {
    return this.call({
      method: 'PATCH',
      path: `/contacts/${id(contactId)}`,
      operation: 'PATCH /contacts/{id}',
      body: patch,
      headers: { 'If-Match': `"${version}"` },
      schema: s.contact,
    });
  }

  // --- the one way a call is made ---

  private async call<T>(c: Call<T>): Promise<T> {
    const answer = await this.raw(c);
    return validAnswer(c.schema!, answer.data, (problems) => new ClmAnswerError(c.operation, problems));
  }

  private async raw<T>(c: Call<T>): Promise<ClmAnswer> {
    try {
      const base = await this.o.apiBase();
      // The token store checks that `base` is the origin the tokens were taken for.
      let token = await this.o.tokens.accessTokenFor(base);
      try {
        return await this.send(c, base, token);
      } catch (e) {
        if (!(e instanceof ClmHttpError && e.isInvalidToken)) throw e;
        token = await this.o.tokens.refreshFor(base, token);
        return await this.send(c, base, token);
      }
    } catch (e) {
      throw toServiceError(e);
    }
  }

  private send<T>(c: Call<T>, base: string, token: string) {
    const policy: RetryPolicy = { ...this.o.retry, service: 'clm', ...(c.unsafe ? { classify: classifyUnsafe } : {}) };
    return withRetry(
      ({ signal }) =>
        exchange(this.http, {
          method: c.method,
          url: `${base}${c.path}`,
          operation: c.operation,
          headers: { Authorization: `Bearer ${token}`, ...(c.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...c.headers },
          params: c.params,
          data: c.body === undefined ? undefined : JSON.stringify(c.body),
          binary: c.binary,
          streamed: c.streamed,
          signal,
          timeoutMs: policy.timeoutMs,
        }),
      policy,
    );
  }
}
