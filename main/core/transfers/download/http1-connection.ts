// One HTTP/1.1 connection carrying range GETs, one after another. It reads with `onread`, so each
// socket read lands straight in a buffer whose bytes go to the file as they are: no Buffer made per
// read, no stream or event per chunk, no copy between socket and disk. Node's own client (llhttp,
// a fresh 64 KiB Buffer per read, a stream per answer) cost about twice the CPU a GiB, and where
// the sending end shares the machine, CPU is throughput.
//
// How `onread` works shapes this file: Node asks for the next read's buffer right after each read,
// not when reading resumes, so where the next bytes go is decided in `received`, never later. And a
// TLS socket keeps handing over what it already decrypted (up to 48 KiB was seen) after being told
// to pause. So the body buffer is two halves, filled in turn: while the caller writes one, bytes
// that still arrive go into the other.
//
// The socket reads only while someone waits for bytes (an answer's head, or a half to fill); in
// between it is paused, so TCP holds the sender back rather than memory filling up. Kept in the
// pool it reads again, only to notice the server closing it.
import { connect as netConnect, isIP, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions as TlsOptions } from 'node:tls';
import { giveBack, takeBuffer } from '../read-buffers.ts';
import { dechunk, MalformedAnswer, parseHead, type Head } from './http1-head.ts';

export interface ConnectionOptions {
  connectTimeoutMs: number;
  /** no byte for this long while one is awaited: the connection is stalled */
  idleTimeoutMs: number;
  /** how long a kept connection waits in the pool for another request */
  keepMs: number;
  /** certificates to trust besides the system's (https only) */
  ca?: string | Buffer;
  /** where body buffers (1 MiB, two halves) come from and go back to; by default the shared read buffers */
  buffers?: { take: () => Buffer; giveBack: (buffer: Buffer) => void };
}

/** An answer whose head is in; its body is read with `read` (or `text`), then it is released. */
export interface Answer {
  readonly head: Head;
  /**
   * The body's next bytes, read straight from the socket: resolves once `want` of them are in, a
   * half buffer (512 KiB) is full or the body has ended (empty: nothing more). A body framed
   * without a length resolves after each read. What it gives is the caller's until its next
   * `read` or `release`.
   */
  read(want: number): Promise<Buffer>;
  /** The start of the body as text, at most `limit` bytes, dechunked; the connection is closed after. */
  text(limit: number): Promise<string>;
  /** Done with the answer: the connection is kept for the next request only if this one was read to its end. */
  release(): void;
}

/**
 * A kept connection that could not carry the request: the server closed it before answering, or
 * what came first was not an answer (bytes a broken server sent past the last one). A GET is safe
 * to send again, on another connection.
 */
export class StaleConnection extends Error {}

/** Big enough for any object store's head (Node's own limit is 16 KiB). */
const HEAD_LIMIT = 16 * 1024;
const EMPTY: Buffer = Buffer.alloc(0);

type State = 'head' | 'body' | 'kept' | 'closed';

export class Http1Connection implements Answer {
  private readonly socket: Socket;
  private readonly options: ConnectionOptions;
  private readonly buffers: NonNullable<ConnectionOptions['buffers']>;
  private readonly onRelease: (connection: Http1Connection) => void;
  private state: State = 'head';
  /** why the connection ended; every read after it is refused with it */
  private failure: unknown;
  /** EOF came: the server sends nothing more */
  private ended = false;
  /** bytes came that no answer accounts for: the connection cannot carry another request */
  private stray = false;
  private uses = 0;
  /** a byte of the current answer came: a failure now is not a stale connection */
  private answered = false;
  private signal: AbortSignal | undefined;
  private readonly onAbort = () => this.fail(this.signal!.reason);
  private waiter: { resolve: (bytes: Buffer) => void; reject: (error: unknown) => void } | undefined;

  private readonly headBuffer = Buffer.allocUnsafe(HEAD_LIMIT);
  private headFilled = 0;
  private parsed: Head | undefined;

  /** body bytes not yet read from the socket (Infinity: the body is not framed by a length) */
  private bodyLeft = 0;
  /** a pooled buffer, taken for an answer's body and given back when it is released */
  private bodyBuffer: Buffer | undefined;
  private halves: [Buffer, Buffer] = [EMPTY, EMPTY];
  private half: Buffer = EMPTY;
  /** bytes in `half` not yet handed out are [start, filled); the next read lands at `filled` */
  private start = 0;
  private filled = 0;
  private want = 0;

  constructor(url: URL, options: ConnectionOptions, onRelease: (connection: Http1Connection) => void) {
    this.options = options;
    this.buffers = options.buffers ?? { take: takeBuffer, giveBack };
    this.onRelease = onRelease;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const secure = url.protocol === 'https:';
    const port = Number(url.port) || (secure ? 443 : 80);
    const onread: OnReadOpts = { buffer: () => this.room(), callback: (bytes) => this.received(bytes) };
    if (secure) {
      // tls.connect takes `onread` (documented since Node 15) though @types/node does not say so.
      // The server's name goes as SNI and is checked against its certificate, as https.request does;
      // an address is not a name and goes unnamed.
      const tls: TlsOptions & { onread: OnReadOpts } = { host, port, onread, ca: options.ca, servername: isIP(host) ? undefined : host };
      this.socket = tlsConnect(tls);
    } else {
      this.socket = netConnect({ host, port, onread });
    }
    // A request is one small write that should go at once, not wait for the last answer's ACK.
    this.socket.setNoDelay(true);
    this.socket.setKeepAlive(true);
    const connecting = setTimeout(() => this.fail(new Error(`could not connect within ${options.connectTimeoutMs / 1000} s`)), options.connectTimeoutMs);
    this.socket.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(connecting));
    this.socket.once('close', () => {
      clearTimeout(connecting);
      this.fail(this.closedError());
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => this.fail(error.code === 'ECONNRESET' || error.code === 'EPIPE' ? this.closedError(error) : error));
    this.socket.on('end', () => this.onEnd());
    this.socket.on('timeout', () => this.fail(new Error(`no byte came for ${this.options.idleTimeoutMs / 1000} s`)));
  }

  get head(): Head {
    return this.parsed!;
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  /** Its answer read to the end, nothing after it, and the server keeps the connection. */
  get reusable(): boolean {
    return this.state === 'body' && this.bodyLeft === 0 && this.filled === this.start && !this.ended && !this.stray && this.parsed!.keepAlive;
  }

  /** Sends a request and resolves once its answer's head is in. */
  async send(request: string, signal: AbortSignal): Promise<Answer> {
    this.uses++;
    this.answered = false;
    this.state = 'head';
    this.headFilled = 0;
    this.signal = signal;
    signal.addEventListener('abort', this.onAbort, { once: true });
    this.socket.ref();
    this.socket.setTimeout(this.options.idleTimeoutMs);
    this.socket.write(request);
    this.socket.resume();
    await this.wait();
    return this;
  }

  read(want: number): Promise<Buffer> {
    if (this.state === 'closed') return Promise.reject(this.failure);
    const framed = this.parsed!.length !== undefined;
    this.want = Math.max(1, Math.min(want, this.half.length));
    const pending = this.filled - this.start;
    // Bytes that came while paused (TLS) may already be enough.
    if (pending >= this.want || (pending > 0 && (this.bodyLeft === 0 || !framed || this.ended))) return Promise.resolve(this.handOut(false));
    if (this.bodyLeft === 0) return Promise.resolve(EMPTY);
    if (this.ended) return framed ? Promise.reject(this.closedError()) : Promise.resolve(EMPTY);
    this.socket.setTimeout(this.options.idleTimeoutMs);
    this.socket.resume();
    return this.wait();
  }

  async text(limit: number): Promise<string> {
    const raw = Buffer.allocUnsafe(limit);
    let got = 0;
    try {
      while (got < limit) {
        const bytes = await this.read(limit - got);
        got += bytes.copy(raw, got);
        if (bytes.length === 0 || (this.parsed!.chunked && dechunk(raw.subarray(0, got)).complete)) break;
      }
    } catch {
      // What came before the connection broke is all there is to read.
    } finally {
      this.close();
    }
    const body = raw.subarray(0, got);
    return (this.parsed!.chunked ? dechunk(body).body : body).toString('utf8');
  }

  release(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.signal = undefined;
    this.onRelease(this);
    // Kept, the socket reads into the head buffer; closed, it reads no more: the buffer is free.
    if (this.bodyBuffer) this.buffers.giveBack(this.bodyBuffer);
    this.bodyBuffer = undefined;
    this.halves = [EMPTY, EMPTY];
    this.half = EMPTY;
  }

  /** Into the pool: reading again only to notice a close; not holding the process open. */
  keep(): void {
    this.state = 'kept';
    this.socket.setTimeout(this.options.keepMs);
    this.socket.unref();
    this.socket.resume();
  }

  close(): void {
    this.fail(new Error('the connection was closed'));
  }

  /**
   * Where the socket's next read lands; never empty, or Node fails the read with ENOBUFS. Outside
   * `received` nothing changes where it starts: kept, or past an answer's end, it is the head
   * buffer's start, where the next answer's head goes (any byte before that only closes the
   * connection).
   */
  private room(): Buffer {
    if (this.state === 'head') return this.headBuffer.subarray(this.headFilled);
    if (this.state !== 'body' || this.bodyLeft === 0) return this.headBuffer;
    // Waited for, the read stops at what was asked, so a bandwidth limit's slices stay small.
    const end = Math.min(this.half.length, this.filled + this.bodyLeft, this.waiter ? this.start + this.want : Infinity);
    return this.half.subarray(this.filled, end);
  }

  /** Called for each read with the bytes it put into `room()`; false pauses the socket. */
  private received(bytes: number): boolean {
    if (this.state === 'head') return this.headReceived(bytes);
    if (this.state === 'body' && this.bodyLeft > 0) return this.bodyReceived(bytes);
    // Bytes nobody asked for, on a kept connection or past an answer's end: it is not reusable.
    if (this.state === 'body') this.stray = true;
    else this.close();
    return false;
  }

  private headReceived(bytes: number): boolean {
    this.answered = true;
    let from = Math.max(0, this.headFilled - 3);
    this.headFilled += bytes;
    for (;;) {
      const end = this.headBuffer.subarray(0, this.headFilled).indexOf('\r\n\r\n', from);
      let head: Head;
      try {
        if (end < 0 && this.headFilled < HEAD_LIMIT) return true;
        if (end < 0) throw new MalformedAnswer(`its head was longer than ${HEAD_LIMIT / 1024} KiB`);
        head = parseHead(this.headBuffer.toString('latin1', 0, end));
      } catch (error) {
        this.fail(this.uses > 1 ? new StaleConnection(`the kept connection answered with something else (${(error as Error).message})`, { cause: error }) : error);
        return false;
      }
      const bodyStart = end + 4;
      if (head.status >= 200) {
        this.startBody(head, this.headBuffer.subarray(bodyStart, this.headFilled));
        this.resolveWith(EMPTY);
        return false;
      }
      // An interim answer (103 Early Hints): the real one follows it.
      this.headBuffer.copy(this.headBuffer, 0, bodyStart, this.headFilled);
      this.headFilled -= bodyStart;
      from = 0;
    }
  }

  private startBody(head: Head, early: Buffer): void {
    this.parsed = head;
    this.state = 'body';
    const length = head.length ?? Infinity;
    const body = early.subarray(0, Math.min(early.length, length));
    // More than the body with the head: something follows that was not asked for.
    if (early.length > length) this.stray = true;
    this.bodyLeft = length - body.length;
    this.start = 0;
    this.filled = 0;
    if (length === 0) return;
    this.bodyBuffer ??= this.buffers.take();
    const middle = this.bodyBuffer.length / 2;
    this.halves = [this.bodyBuffer.subarray(0, middle), this.bodyBuffer.subarray(middle)];
    this.half = this.halves[0];
    // The one copy on this path, at most 16 KiB an answer: it frees the head buffer for the next head.
    this.filled = body.copy(this.half);
  }

  private bodyReceived(bytes: number): boolean {
    this.filled += bytes;
    this.bodyLeft -= bytes;
    if (!this.waiter) {
      // A TLS socket still handing over what it decrypted before the pause: kept for the next read.
      // The half has room for it unless the server sent far more than TLS ever holds back.
      if (this.filled === this.half.length && this.bodyLeft > 0) this.fail(new Error('the connection went on reading after it was paused'));
      return false;
    }
    const done = this.filled - this.start >= this.want || this.filled === this.half.length || this.bodyLeft === 0 || this.parsed!.length === undefined;
    if (!done) return true;
    this.resolveWith(this.handOut(true));
    return false;
  }

  /**
   * Gives the caller [start, filled) of the half. From a read (`switching`), the socket's next read
   * goes to the other half, which the caller gave back by asking for these bytes; otherwise the
   * socket's next read was already placed at `filled`, after them.
   */
  private handOut(switching: boolean): Buffer {
    const bytes = this.half.subarray(this.start, this.filled);
    // The idle timeout counts only while a byte is awaited, not while the caller writes or waits its turn.
    this.socket.setTimeout(0);
    if (switching) {
      this.half = this.half === this.halves[0] ? this.halves[1] : this.halves[0];
      this.filled = 0;
    }
    this.start = this.filled;
    return bytes;
  }

  private onEnd(): void {
    this.ended = true;
    const framed = this.parsed?.length !== undefined;
    if (this.state === 'body' && this.waiter && (this.filled > this.start || !framed)) this.resolveWith(this.handOut(true));
    // Without a waiter the body's next read tells; elsewhere the connection is done.
    else if (this.state !== 'body' || this.waiter) this.fail(this.closedError());
  }

  private resolveWith(bytes: Buffer): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(bytes);
  }

  private wait(): Promise<Buffer> {
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  private fail(error: unknown): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.failure = error;
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  private closedError(cause?: Error): Error {
    if (this.state === 'head' && this.uses > 1 && !this.answered) return new StaleConnection('the kept connection was closed before the answer', { cause });
    return new Error(this.state === 'head' ? 'the connection closed before the answer' : 'the connection closed', { cause });
  }
}
