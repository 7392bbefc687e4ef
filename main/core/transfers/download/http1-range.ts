// Range GETs over HTTP/1.1, on connections kept alive and pooled per origin: every range after the
// first few goes on a connection already open, so a TLS handshake is paid per connection, not per
// range. Only what an object store's GET needs: no redirects, no proxies, no compression.
import { Http1Connection, StaleConnection, type Answer, type ConnectionOptions } from './http1-connection.ts';

export type { Answer } from './http1-connection.ts';

/** More idle connections than this per origin are closed rather than kept. */
const KEEP_PER_ORIGIN = 8;

export class Http1RangeClient {
  private readonly options: ConnectionOptions;
  private readonly kept = new Map<string, Http1Connection[]>();

  constructor(options: ConnectionOptions) {
    this.options = options;
  }

  /** GETs `range` ("bytes=0-99") of `link`; resolves once the answer's head is in. */
  async get(link: string, range: string, signal: AbortSignal): Promise<Answer> {
    signal.throwIfAborted();
    const url = new URL(link);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`a ${url.protocol} link cannot be fetched`);
    const request = `GET ${requestTarget(link, url)} HTTP/1.1\r\nHost: ${url.host}\r\nRange: ${range}\r\nUser-Agent: Slate\r\n\r\n`;
    const origin = url.origin;
    for (;;) {
      const kept = this.take(origin);
      const connection = kept ?? new Http1Connection(url, this.options, (done) => this.give(origin, done));
      try {
        return await connection.send(request, signal);
      } catch (error) {
        connection.release();
        // The server closed a kept connection as the request went out: a GET can go again, on another.
        if (!(kept && error instanceof StaleConnection)) throw error;
      }
    }
  }

  private take(origin: string): Http1Connection | undefined {
    const idle = this.kept.get(origin) ?? [];
    // The most recently used first: the least likely to have been closed by the server.
    for (let connection = idle.pop(); connection; connection = idle.pop()) if (!connection.closed) return connection;
    return undefined;
  }

  private give(origin: string, connection: Http1Connection): void {
    const idle = (this.kept.get(origin) ?? []).filter((other) => !other.closed);
    this.kept.set(origin, idle);
    if (!connection.reusable || idle.length >= KEEP_PER_ORIGIN) return connection.close();
    connection.keep();
    idle.push(connection);
  }
}

/**
 * The link's path and query as written: a presigned link's signature covers them, and `URL` would
 * re-encode some characters (a quote, a space). A link with characters no request line may carry
 * goes as `URL` spells it.
 */
function requestTarget(link: string, url: URL): string {
  const authority = link.indexOf('//') + 2;
  const pathStart = link.slice(authority).search(/[/?#]/);
  const written = pathStart < 0 ? '/' : link.slice(authority + pathStart).split('#')[0]!;
  const target = written.startsWith('/') ? written : `/${written}`;
  return /^[\x21-\x7e]+$/.test(target) ? target : url.pathname + url.search;
}
