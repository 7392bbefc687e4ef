// sha256 on a thread of its own. Hashing is most of the CPU an upload costs Slate beyond the
// bytes' trip to the socket; on the main thread it would stand in line with every part sender,
// and on a busy machine that thread, not the network, would set the pace. Buffers go to the
// thread and come back by transfer, never copied. One thread serves every file being hashed.
import { Worker } from 'node:worker_threads';

// Plain CommonJS, evaluated by the thread: no bundler has to find a file for it, so the app, the
// web agent and the command line start it alike.
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ({ id, buffer, length, end }) => {
  let hash = hashes.get(id);
  if (!hash) hashes.set(id, (hash = createHash('sha256')));
  if (buffer) {
    hash.update(new Uint8Array(buffer, 0, length));
    parentPort.postMessage({ id, buffer }, [buffer]);
  } else {
    hashes.delete(id);
    parentPort.postMessage({ id, digest: end ? hash.digest('hex') : null });
  }
});
`;

interface Reply {
  id: number;
  buffer?: ArrayBuffer;
  digest?: string | null;
}

type Waiter = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

let thread: Worker | undefined;
let nextId = 1;
/** one request in flight per stream, by stream id */
const waiting = new Map<number, Waiter>();

function send(message: { id: number; buffer?: ArrayBuffer; length?: number; end?: boolean }): Promise<Reply> {
  if (!thread) {
    const started = new Worker(SOURCE, { eval: true });
    started.on('message', (reply: Reply) => {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (waiting.size === 0) started.unref();
      waiter?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (thread === started) thread = undefined;
      for (const waiter of waiting.values()) waiter.reject(new Error(`the hashing thread stopped: ${error.message}`, { cause: error }));
      waiting.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    thread = started;
  }
  // Kept referenced while a stream waits on it, so a last hash is never cut off by the process ending.
  thread.ref();
  const worker = thread;
  return new Promise((resolve, reject) => {
    waiting.set(message.id, { resolve, reject });
    worker.postMessage(message, message.buffer ? [message.buffer] : []);
  });
}

/** The sha256 of bytes handed over in order, one buffer at a time. */
export class HashStream {
  private readonly id = nextId++;
  private settled = false;

  /**
   * Hashes the first `length` bytes of `buffer`, which belongs to the thread until this resolves
   * with its memory back (the buffer passed in is empty from then on). It must own its
   * memory whole, as Buffer.allocUnsafeSlow makes it.
   */
  async update(buffer: Buffer, length: number): Promise<Buffer> {
    if (buffer.byteOffset !== 0 || buffer.buffer.byteLength !== buffer.length) throw new Error('a hashed buffer must own its memory whole');
    const reply = await send({ id: this.id, buffer: buffer.buffer as ArrayBuffer, length });
    return Buffer.from(reply.buffer!);
  }

  /** The hex digest of everything hashed; the stream is done. */
  async digest(): Promise<string> {
    this.settled = true;
    return (await send({ id: this.id, end: true })).digest!;
  }

  /** Forgets a stream that will not be finished. */
  drop(): void {
    if (this.settled) return;
    this.settled = true;
    send({ id: this.id, end: false }).catch(() => undefined);
  }
}
