// V2 answers errors in its own shape, not V4's: `{code, errors:[{code, detail, status, title}], message}`
// (the V2 reference's HttpError type, on every operation's 401, 404 and 429).
const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Invalid arguments',
  429: 'Rate Limited',
  503: 'Service Unavailable',
};

export class V2Error extends Error {
  readonly status: number;

  constructor(status: number, detail: string) {
    super(detail);
    this.status = status;
  }

  get body() {
    return v2ErrorBody(this.status, this.message);
  }
}

export function v2ErrorBody(status: number, detail: string) {
  const title = TITLES[status] ?? 'Error';
  return { code: status, errors: [{ code: status, detail, status, title }], message: title };
}

export const badRequest = (detail: string) => new V2Error(400, detail);
export const notFound = (detail: string) => new V2Error(404, detail);
export const forbidden = (detail: string) => new V2Error(403, detail);
