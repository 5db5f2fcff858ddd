/** One Web API request and answer, independent of node:http so that $batch can run inner requests. */
import { DataverseError } from '../errors';

export interface ApiRequest {
  method: string;
  /** Path after `/api/data/v9.2/`, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const ODATA_HEADERS = { 'OData-Version': '4.0' };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { ...ODATA_HEADERS, 'Content-Type': 'application/json; odata.metadata=minimal', ...headers },
    body: JSON.stringify(body),
  };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { ...ODATA_HEADERS, ...headers } };
}

export function errorResponse(error: DataverseError): ApiResponse {
  // Dataverse's 401 carries no body, only the challenge.
  if (error.status === 401) return { status: 401, headers: { ...error.headers } };
  return jsonResponse(error.status, error.body(), error.headers);
}

/**
 * The JSON body of a create, update or action. "Every request that includes JSON data in the request
 * body must include a Content-Type header with a value of application/json" ("Compose HTTP requests
 * and handle errors"): without it the body is refused with 415, worded as ASP.NET Web API (on which
 * the Web API runs) refuses a body no formatter reads; the article gives no wording.
 */
export function readJson(req: ApiRequest): unknown {
  const text = req.body.toString('utf8').trim();
  if (!text) return {};
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new DataverseError(415, '0x0', `The request entity's media type '${mediaType || 'application/octet-stream'}' is not supported for this resource.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DataverseError(400, '0x80060888', 'Invalid JSON. The request body is not valid JSON.');
  }
}

export const statusText: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  206: 'Partial Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
