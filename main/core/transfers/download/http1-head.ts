// The two pieces of HTTP/1.1's text the range client reads: an answer's head, and the chunked
// framing an error answer's body may come in. Pure, so they are tested on their own.

export interface Head {
  status: number;
  /** lower-case names; a field sent twice is joined with ", ", as RFC 9110 allows */
  headers: Map<string, string>;
  /** the body's length from Content-Length; undefined when it is chunked or ends with the connection */
  length: number | undefined;
  chunked: boolean;
  /** HTTP/1.1 without `Connection: close`: the server keeps the connection for another request */
  keepAlive: boolean;
}

/** The server's answer is not HTTP/1 as the client reads it. */
export class MalformedAnswer extends Error {}

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/;
const FIELD_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Reads a head, its lines split by CRLF and without the blank line that ends it. */
export function parseHead(text: string): Head {
  const [first = '', ...fields] = text.split('\r\n');
  const status = STATUS_LINE.exec(first);
  if (!status) throw new MalformedAnswer(`it answered "${first.slice(0, 40)}", not HTTP/1`);
  const headers = new Map<string, string>();
  for (const field of fields) {
    const colon = field.indexOf(':');
    const name = field.slice(0, colon);
    // A folded line (obsolete since RFC 7230) or a name with spaces is how smuggling starts: refused.
    if (colon <= 0 || !FIELD_NAME.test(name)) throw new MalformedAnswer(`its head has a line "${field.slice(0, 40)}"`);
    const key = name.toLowerCase();
    const value = field.slice(colon + 1).trim();
    const seen = headers.get(key);
    headers.set(key, seen === undefined ? value : `${seen}, ${value}`);
  }
  const encoding = headers.get('transfer-encoding');
  const connection = (headers.get('connection') ?? '').toLowerCase().split(',').map((token) => token.trim());
  return {
    status: Number(status[2]),
    headers,
    // A Transfer-Encoding overrides a Content-Length (RFC 9112 6.3).
    length: encoding === undefined ? contentLength(headers.get('content-length')) : undefined,
    chunked: encoding !== undefined && /(?:^|,)\s*chunked\s*$/i.test(encoding),
    keepAlive: status[1] === '1' && !connection.includes('close'),
  };
}

function contentLength(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // The same length sent twice ("5, 5") is one length; two different ones are no length at all.
  const lengths = new Set(value.split(',').map((part) => part.trim()));
  const [only = ''] = lengths;
  if (lengths.size !== 1 || !/^\d{1,15}$/.test(only)) throw new MalformedAnswer(`it gave a Content-Length of "${value.slice(0, 40)}"`);
  return Number(only);
}

/** The data of a chunked body's start, and whether its last chunk was in it. */
export function dechunk(raw: Buffer): { body: Buffer; complete: boolean } {
  const pieces: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    // parseInt stops at a chunk extension (";name=value"), which carries nothing wanted here.
    const size = parseInt(raw.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) break;
    if (size === 0) return { body: Buffer.concat(pieces), complete: true };
    const start = lineEnd + 2;
    pieces.push(raw.subarray(start, Math.min(start + size, raw.length)));
    at = start + size + 2;
    if (at > raw.length) break;
  }
  return { body: Buffer.concat(pieces), complete: false };
}
