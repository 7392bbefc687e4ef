// Presigned object-store URLs, in the spirit of S3's: the method, path, query, expiry and the
// headers the caller must send are signed with a secret only the sandbox holds, so a URL cannot be
// altered or reused for other content, and it stops working when it expires.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Verdict = { ok: true } | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch'; message: string };

const SIGNATURE = 'X-Amz-Signature';
const EXPIRES_AT = 'X-Amz-Expires-At';
const SIGNED_HEADERS = 'X-Amz-SignedHeaders';

export class UrlSigner {
  private readonly secret: string;

  constructor(secret: string) {
    this.secret = secret;
  }

  private signature(method: string, resource: string, headers: Record<string, string>): string {
    const canonicalHeaders = Object.entries(headers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => `${name}:${value}`)
      .join('\n');
    return createHmac('sha256', this.secret).update(`${method}\n${resource}\n${canonicalHeaders}`).digest('hex');
  }

  /**
   * A presigned path-and-query for `method` on `path` with `query`, valid until `expiresAt` (epoch
   * ms) for requests that carry exactly `headers` (lower-case names).
   */
  sign(method: 'GET' | 'PUT', path: string, query: Record<string, string>, expiresAt: number, headers: Record<string, string> = {}): string {
    const params = new URLSearchParams(query);
    params.set(EXPIRES_AT, String(expiresAt));
    const headerNames = Object.keys(headers).sort();
    if (headerNames.length > 0) params.set(SIGNED_HEADERS, headerNames.join(';'));
    const resource = `${path}?${params}`;
    params.set(SIGNATURE, this.signature(method, resource, headers));
    return `${path}?${params}`;
  }

  /** Checks a request: unexpired, untampered, and sending the signed headers with their signed values. */
  verify(method: string, url: URL, headers: Record<string, string | string[] | undefined>, now = Date.now()): Verdict {
    const params = new URLSearchParams(url.search);
    const given = params.get(SIGNATURE);
    params.delete(SIGNATURE);
    const expiresAt = Number(params.get(EXPIRES_AT));
    if (!given || !params.has(EXPIRES_AT)) return { ok: false, code: 'AccessDenied', message: 'Query-string authentication requires the signature and expiry parameters' };
    if (!(expiresAt > now)) return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
    const signed: Record<string, string> = {};
    for (const name of (params.get(SIGNED_HEADERS) ?? '').split(';').filter(Boolean)) {
      const value = headers[name];
      if (typeof value !== 'string') return { ok: false, code: 'AccessDenied', message: `The request is missing the signed header ${name}` };
      signed[name] = value;
    }
    const expected = Buffer.from(this.signature(method, `${url.pathname}?${params}`, signed));
    const actual = Buffer.from(given);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { ok: false, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
    }
    return { ok: true };
  }
}
