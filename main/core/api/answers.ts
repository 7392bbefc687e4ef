// Whether what came back is Frame.io's API at all, and the words for when it is not or nothing came
// back: a proxy or captive portal answers with a web page, a stranger server with other JSON, and
// the network's own failures arrive as errno codes that name no way out.
import type { OperationId } from '../../common/operations.generated.ts';
import { ApiError } from './errors.ts';
import type { ListPage } from './types.ts';

/** The JSON body of a successful answer; an ApiError saying what came instead when it is not Frame.io's. */
export function readAnswer(operationId: OperationId, body: string, contentType: string | undefined): unknown {
  if (body === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const page = /html/i.test(contentType ?? '') || /^\s*</.test(body);
    throw unexpected(
      operationId,
      page
        ? 'it answered with a web page, not with data; a proxy, a captive portal or a network sign-in page may be in the way'
        : `it answered with something that is not JSON (${contentType || 'no content type'})`,
      error,
    );
  }
  // Every answer with a body is a `{data}` envelope, or the empty object of an accepted copy.
  if (!isObject(parsed) || (!('data' in parsed) && Object.keys(parsed).length > 0)) {
    throw unexpected(operationId, 'its answer is JSON, but not in the form Frame.io sends');
  }
  return parsed;
}

/** One page of a list, checked: a stranger server's JSON must not reach the callers as a list. */
export function checkPage<T>(operationId: OperationId, answer: unknown): ListPage<T> {
  const page = answer as Partial<ListPage<T>> | undefined;
  if (!page || !Array.isArray(page.data) || (page.links !== undefined && !isObject(page.links))) {
    throw unexpected(operationId, 'its answer is JSON, but not a list in the form Frame.io sends');
  }
  return { ...page, data: page.data, links: page.links ?? { next: null } };
}

/** The words for a request that got no answer, with the system's code kept for whoever diagnoses it. */
export function noAnswer(code: string | undefined, message: string, url: URL, timeoutMs: number): string {
  const where = url.origin;
  switch (code) {
    case 'ETIMEDOUT':
      return `no answer from ${where} in ${Math.round(timeoutMs / 1000)} seconds`;
    case 'ECONNREFUSED':
      return `nothing answers at ${where} (ECONNREFUSED)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the name ${url.hostname} cannot be found; the network may be down (${code})`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the connection to ${where} was cut (${code})`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return `the network cannot reach ${where} (${code})`;
    default:
      return code ? `${where} failed: ${message} (${code})` : `${where} failed: ${message}`;
  }
}

function unexpected(operation: OperationId, detail: string, cause?: unknown): ApiError {
  return new ApiError({ kind: 'unexpected-answer', operation, detail, cause });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
