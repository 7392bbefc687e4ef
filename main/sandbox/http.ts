// Small HTTP helpers shared by the sandbox's handlers: reading JSON bodies and answering in the
// shapes Frame.io uses (`{data}` envelopes; `{errors:[{detail, title, source:{pointer}}]}` error
// bodies).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ApiErrorItem {
  detail: string;
  title: string;
  source?: { pointer: string };
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  422: 'Invalid value',
  429: 'Too many requests',
};

export class HttpError extends Error {
  readonly status: number;
  readonly errors: ApiErrorItem[];

  constructor(status: number, detail: string, pointer?: string) {
    super(detail);
    this.status = status;
    const title = TITLES[status] ?? 'Error';
    this.errors = [pointer === undefined ? { detail, title } : { detail, title, source: { pointer } }];
  }
}

export const badRequest = (detail: string, pointer?: string) => new HttpError(400, detail, pointer);
export const unauthorized = (detail = 'Unauthorized') => new HttpError(401, detail);
export const forbidden = (detail = 'Forbidden') => new HttpError(403, detail);
export const notFound = (detail = 'Not found') => new HttpError(404, detail);
export const conflict = (detail: string, pointer?: string) => new HttpError(409, detail, pointer);
export const invalid = (detail: string, pointer: string) => new HttpError(422, detail, pointer);
export const tooManyRequests = () => new HttpError(429, 'Too many requests');

const MAX_JSON_BODY = 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw badRequest('Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('Request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
